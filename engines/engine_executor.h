// The hosted engines' own threads for in-process calls, as the engine server's I/O threads are for HTTP ones:
// callers queue calls on its executor and await their answers; its threads take them in order of arrival.
#pragma once

#include "engines/engine.h"

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>

#include <thread>
#include <vector>

namespace perflab::engines {

class EngineExecutor {
public:
    // Starts the threads, named profiling::kEngineThreadName: the resource sampler counts their CPU as the
    // hosted engine's, and profiles show engine code on them. threads 0: defaultEngineThreads().
    explicit EngineExecutor(unsigned threads = 0);
    ~EngineExecutor(); // runs what is still queued, then joins
    EngineExecutor(const EngineExecutor&) = delete;
    EngineExecutor& operator=(const EngineExecutor&) = delete;

    unsigned threads() const noexcept { return static_cast<unsigned>(m_threads.size()); }
    // Where calls are posted. The queue holds what its callers posted: bounded by them.
    boost::asio::io_context::executor_type executor() noexcept { return m_io.get_executor(); }

private:
    boost::asio::io_context m_io;
    boost::asio::executor_work_guard<boost::asio::io_context::executor_type> m_open; // run() waits for calls
    std::vector<std::thread> m_threads;
};

} // namespace perflab::engines
