// Percentile samples of one request, in buffers reused across requests: a scan of a million rows would
// otherwise fault in megabytes of fresh pages on every call.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <vector>

namespace perflab::engines::analytics {

struct SampleBuffers {
    std::vector<std::uint32_t> groups;       // the group of each sample (grouped queries only)
    std::vector<std::vector<double>> values; // one list per percentile argument
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
