// The run store's writer thread: commits each second as it arrives (queued ones together, in one
// transaction) with the run's open 10 s histogram window, so a crash loses at most the second in progress.
#pragma once

#include "model/store/run_store.h"
#include "model/store/run_store_profiles.h"

#include <condition_variable>
#include <cstdint>
#include <filesystem>
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

    // Wakes the writer: each second is committed as it arrives. Throws the writer's StoreError once a commit
    // failed (a full disk), until a flush reports it.
    void append(std::int64_t runId, const Interval& interval);
    void addEvent(std::int64_t runId, const RunEvent& event);
    // Committed with the next second (or flush); throws like append() once a commit failed.
    void appendProfile(std::int64_t runId, std::int64_t startMs, std::int64_t endMs,
                       const std::string& source, const Profile& profile);
    // Writes the run's open window, minute and hour (histograms and profile) and flushes; later appends
    // continue them from the store.
    void closeRun(std::int64_t runId);
    // Waits until everything queued so far, and the open windows, minutes and hours, are committed.
    void flush();

private:
    // One second as queued: the row and the histograms its 10 s window, minute and hour merge.
    struct Second {
        std::int64_t runId;
        IntervalRow row;
        Histogram latency;
        Histogram serviceTime;
    };
    struct ProfileSlice {
        std::int64_t runId;
        std::int64_t startMs;
        std::int64_t endMs;
        std::string source;
        Profile profile;
    };
    struct Batch {
        std::vector<Second> seconds;
        std::vector<std::pair<std::int64_t, RunEvent>> events;
        std::vector<ProfileSlice> profiles;
        std::vector<std::int64_t> closedRuns;
    };
    class Checkpointer;
    struct Connection;
    class Tiers;

    void run(std::stop_token stop);
    void commit(const Batch& batch, bool writeOpenRollups);

    std::mutex m_mutex;
    std::condition_variable_any m_wake;
    std::condition_variable m_committed;
    Batch m_queue;
    std::uint64_t m_flushRequested = 0;
    std::uint64_t m_flushDone = 0;
    std::optional<std::string> m_error;
    std::unique_ptr<Checkpointer> m_checkpointer; // before the connection whose commits wake it
    std::unique_ptr<Connection> m_connection;
    std::unique_ptr<Tiers> m_tiers; // the writer thread's alone: open windows, minutes and hours per run
    std::unique_ptr<run_store_profiles::SliceWriter> m_profiles; // the writer thread's alone
    std::jthread m_thread; // last: starts after every member above exists
};

} // namespace perflab
