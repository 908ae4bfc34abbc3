// Deliberate leak: allocate, touch every page, keep.
#include "engines/leaking_engine.h"

#include <cstring>

namespace perflab::engines {

LeakingEngine::LeakingEngine(std::unique_ptr<Engine> inner, std::size_t bytesPerRequest)
    : m_inner(std::move(inner))
    , m_bytesPerRequest(bytesPerRequest) {}

Response LeakingEngine::execute(std::string_view request) {
    auto block = std::make_unique_for_overwrite<char[]>(m_bytesPerRequest);
    std::memset(block.get(), 0xA5, m_bytesPerRequest);
    {
        const std::lock_guard lock(m_mutex);
        m_kept.push_back(std::move(block));
    }
    return m_inner->execute(request);
}

} // namespace perflab::engines
