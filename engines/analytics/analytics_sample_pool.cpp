// Hands out idle sample buffers, emptied but with their capacity, and takes them back after the call.
#include "engines/analytics/analytics_sample_pool.h"

namespace perflab::engines::analytics {

SamplePool::Lease SamplePool::acquire() {
    std::unique_ptr<SampleBuffers> buffers;
    {
        const std::lock_guard lock(m_mutex);
        if (!m_idle.empty()) {
            buffers = std::move(m_idle.back());
            m_idle.pop_back();
        }
    }
    if (!buffers) {
        buffers = std::make_unique<SampleBuffers>();
    }
    buffers->groups.clear();
    for (SampleValues& values : buffers->values) {
        values.clear();
    }
    return Lease(*this, std::move(buffers));
}

void SamplePool::giveBack(std::unique_ptr<SampleBuffers> buffers) {
    const std::lock_guard lock(m_mutex);
    if (m_idle.size() < m_keep) {
        m_idle.push_back(std::move(buffers));
    }
}

} // namespace perflab::engines::analytics
