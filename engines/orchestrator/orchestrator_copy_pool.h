// Copies of something large that a request changes a little (the engine's cluster, the optimized variant's
// free-capacity index), kept for reuse: putting back what a request changed costs far less than a fresh
// copy of the whole.
#pragma once

#include <memory>
#include <mutex>
#include <utility>
#include <vector>

namespace perflab::engines::orchestrator {

template <class T> class CopyPool {
public:
    // One request's copy. Unless given back, it is dropped: a request that failed half-way may have
    // changed what it never said.
    class Lease {
    public:
        Lease(CopyPool& pool, std::unique_ptr<T> copy)
            : m_pool(pool)
            , m_copy(std::move(copy)) {}
        Lease(Lease&&) = delete;
        ~Lease() = default;

        T& get() noexcept { return *m_copy; }
        // restore(copy, original) makes the copy equal to the original again; the pool then keeps it.
        template <class Restore> void giveBack(Restore&& restore) {
            std::forward<Restore>(restore)(*m_copy, m_pool.m_original);
            const std::lock_guard lock(m_pool.m_mutex);
            m_pool.m_idle.push_back(std::move(m_copy));
        }

    private:
        CopyPool& m_pool;
        std::unique_ptr<T> m_copy;
    };

    explicit CopyPool(const T& original) // `original` must outlive the pool and not change
        : m_original(original) {}

    Lease take() {
        {
            const std::lock_guard lock(m_mutex);
            if (!m_idle.empty()) {
                std::unique_ptr<T> copy = std::move(m_idle.back());
                m_idle.pop_back();
                return {*this, std::move(copy)};
            }
        }
        return {*this, std::make_unique<T>(m_original)};
    }

private:
    const T& m_original;
    std::mutex m_mutex;
    std::vector<std::unique_ptr<T>> m_idle; // as many as requests ever ran at once
};

} // namespace perflab::engines::orchestrator
