// The run store's writer thread: queues rows at 1 Hz and commits them once a second in one transaction.
#pragma once

#include "model/run_store.h"

#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>
#include <vector>

namespace perflab {

class RunStoreWriter {
public:
    // Opens its own connection (the schema must exist) and starts the thread.
    explicit RunStoreWriter(const std::filesystem::path& file);
    ~RunStoreWriter(); // commits what is queued; a failure then can only be reported on stderr
    RunStoreWriter(const RunStoreWriter&) = delete;
    RunStoreWriter& operator=(const RunStoreWriter&) = delete;

    void append(std::int64_t runId, const Interval& interval);
    void addEvent(std::int64_t runId, const RunEvent& event);
    // Writes the run's open histogram window and flushes; later appends for the run start a new window.
    void closeRun(std::int64_t runId);
    // Waits until everything queued so far, and the open histogram windows, are committed.
    void flush();

private:
    struct Window {
        explicit Window(std::int64_t start = 0)
            : startMs(start) {}
        std::int64_t startMs;
        Histogram latency;
        Histogram serviceTime;
    };
    struct Batch {
        std::vector<std::pair<std::int64_t, IntervalRow>> rows;
        std::vector<std::pair<std::int64_t, RunEvent>> events;
        std::vector<std::pair<std::int64_t, Window>> windows;
    };
    struct Connection;

    void run(std::stop_token stop);
    void commit(Connection& connection, const Batch& batch);

    std::mutex m_mutex;
    std::condition_variable_any m_wake;
    std::condition_variable m_committed;
    Batch m_queue;
    std::map<std::int64_t, Window> m_open; // per run: the 10 s window being filled
    std::uint64_t m_flushRequested = 0;
    std::uint64_t m_flushDone = 0;
    std::optional<std::string> m_error;
    std::unique_ptr<Connection> m_connection;
    std::jthread m_thread; // last: starts after every member above exists
};

} // namespace perflab
