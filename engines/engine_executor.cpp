// The engine executor: an io_context whose handler queue holds the calls, run by named threads.
#include "engines/engine_executor.h"

#include "collectors/resources/process_threads.h"

#include <algorithm>

namespace perflab::engines {

namespace {
unsigned orDefault(unsigned threads) noexcept {
    return threads > 0 ? threads : defaultEngineThreads();
}
} // namespace

unsigned defaultEngineThreads() noexcept {
    return std::max(1u, std::thread::hardware_concurrency());
}

EngineExecutor::EngineExecutor(unsigned threads)
    : m_io(static_cast<int>(orDefault(threads)))
    , m_open(m_io.get_executor()) {
    for (unsigned i = 0; i < orDefault(threads); ++i)
        m_threads.emplace_back([this] {
            profiling::nameThisThread(profiling::kEngineThreadName);
            m_io.run();
        });
}

EngineExecutor::~EngineExecutor() {
    m_open.reset();
    for (std::thread& thread : m_threads)
        thread.join();
}

} // namespace perflab::engines
