// Percentile samples of one request, in buffers reused across requests: a scan of a million rows would
// otherwise fault in megabytes of fresh pages on every call.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <new>
#include <utility>
#include <vector>

namespace perflab::engines::analytics {

// Growing a vector with it leaves the new values uninitialised: a scan overwrites them at once, and
// zeroing them first would cost a pass over megabytes.
template <class T> struct UninitializedAllocator : std::allocator<T> {
    template <class U> struct rebind { using other = UninitializedAllocator<U>; };
    UninitializedAllocator() = default;
    template <class U> UninitializedAllocator(const UninitializedAllocator<U>&) noexcept {}
    template <class U> void construct(U* at) noexcept { ::new (static_cast<void*>(at)) U; }
    template <class U, class... Args> void construct(U* at, Args&&... args) {
        ::new (static_cast<void*>(at)) U(std::forward<Args>(args)...);
    }
};
using SampleValues = std::vector<double, UninitializedAllocator<double>>;

struct SampleBuffers {
    std::vector<std::uint32_t> groups; // the group of each sample (grouped queries only)
    std::vector<SampleValues> values;  // one list per percentile argument
};

// Thread-safe; keeps at most `keep` idle buffer sets, so memory follows the number of concurrent callers.
class SamplePool {
public:
    class Lease {
    public:
        Lease(SamplePool& pool, std::unique_ptr<SampleBuffers> buffers)
            : m_pool(pool)
            , m_buffers(std::move(buffers)) {}
        Lease(const Lease&) = delete;
        Lease& operator=(const Lease&) = delete;
        ~Lease() { m_pool.giveBack(std::move(m_buffers)); }
        SampleBuffers& operator*() const noexcept { return *m_buffers; }

    private:
        SamplePool& m_pool;
        std::unique_ptr<SampleBuffers> m_buffers;
    };

    explicit SamplePool(std::size_t keep)
        : m_keep(keep) {}
    Lease acquire(); // emptied buffers that keep their capacity

private:
    void giveBack(std::unique_ptr<SampleBuffers> buffers);

    std::size_t m_keep;
    std::mutex m_mutex;
    std::vector<std::unique_ptr<SampleBuffers>> m_idle;
};

} // namespace perflab::engines::analytics
