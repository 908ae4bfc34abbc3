// Writer thread of the run store: one transaction per second with cached statements; 10 s histogram windows.
#include "model/run_store_writer.h"
#include "model/run_store_schema.h"
#include "model/sqlite_db.h"

#include <sqlite3.h>

#include <chrono>
#include <cstdio>

namespace perflab {

namespace {

struct ConfiguredDb {
    explicit ConfiguredDb(const std::filesystem::path& file)
        : db(file, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX) {
        // Before any statement is prepared: SQLite compiles foreign-key checks into statements.
        run_store_schema::configure(db, true);
        run_store_schema::check(db);
    }
    SqliteDb db;
};

} // namespace

struct RunStoreWriter::Connection : ConfiguredDb {
    explicit Connection(const std::filesystem::path& file)
        : ConfiguredDb(file)
        , insertInterval(db, run_store_schema::kInsertInterval)
        , insertEvent(db, "INSERT INTO events(run_id, ts_ms, kind, message) VALUES(?1, ?2, ?3, ?4)")
        , upsertHistogram(db, "INSERT OR REPLACE INTO histograms(start_ms, run_id, latency, service_time) "
                              "VALUES(?1, ?2, ?3, ?4)") {}
    SqliteStatement insertInterval;
    SqliteStatement insertEvent;
    SqliteStatement upsertHistogram;
};

RunStoreWriter::RunStoreWriter(const std::filesystem::path& file)
    : m_connection(std::make_unique<Connection>(file))
    , m_thread([this](std::stop_token stop) { run(stop); }) {}

RunStoreWriter::~RunStoreWriter() {
    m_thread.request_stop();
    m_thread.join();
}

void RunStoreWriter::append(std::int64_t runId, const Interval& interval) {
    IntervalRow row = toRow(interval);
    constexpr std::int64_t kWindow = run_store_schema::kHistogramWindowMs;
    std::int64_t windowStart = interval.startMs - ((interval.startMs % kWindow) + kWindow) % kWindow;
    std::lock_guard lock(m_mutex);
    m_queue.rows.emplace_back(runId, std::move(row));
    auto [open, created] = m_open.try_emplace(runId);
    Window& window = open->second;
    if (created) {
        window.startMs = windowStart;
    } else if (window.startMs != windowStart) {
        // A closed window is written at the next commit; a partial one is rewritten when it grows.
        m_queue.windows.emplace_back(runId, std::move(window));
        window = Window(windowStart);
    }
    window.latency.merge(interval.latency);
    window.serviceTime.merge(interval.serviceTime);
}

void RunStoreWriter::addEvent(std::int64_t runId, const RunEvent& event) {
    std::lock_guard lock(m_mutex);
    m_queue.events.emplace_back(runId, event);
}

void RunStoreWriter::closeRun(std::int64_t runId) {
    {
        std::lock_guard lock(m_mutex);
        if (auto open = m_open.find(runId); open != m_open.end()) {
            m_queue.windows.emplace_back(runId, std::move(open->second));
            m_open.erase(open);
        }
    }
    flush();
}

void RunStoreWriter::flush() {
    std::unique_lock lock(m_mutex);
    std::uint64_t ticket = ++m_flushRequested;
    m_wake.notify_one();
    m_committed.wait(lock, [&] { return m_flushDone >= ticket; });
    if (m_error)
        throw StoreError(*std::exchange(m_error, std::nullopt));
}

void RunStoreWriter::run(std::stop_token stop) {
    using Clock = std::chrono::steady_clock;
    auto nextCommit = Clock::now() + std::chrono::seconds(1);
    for (;;) {
        Batch batch;
        std::uint64_t ticket = 0;
        bool last = false;
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait_until(lock, stop, nextCommit, [&] { return m_flushRequested != m_flushDone; });
            last = stop.stop_requested();
            ticket = m_flushRequested;
            batch = std::exchange(m_queue, Batch{});
            if (ticket != m_flushDone || last)
                for (const auto& [runId, window] : m_open)
                    batch.windows.emplace_back(runId, window);
        }
        if (Clock::now() >= nextCommit)
            nextCommit = Clock::now() + std::chrono::seconds(1);
        std::optional<std::string> error;
        try {
            commit(*m_connection, batch);
        } catch (const std::exception& e) {
            error = e.what();
        }
        {
            std::lock_guard lock(m_mutex);
            if (error) {
                // A window of a run whose rows fail (e.g. an unknown run id) would fail every later commit.
                for (const auto& [runId, row] : batch.rows)
                    m_open.erase(runId);
                for (const auto& [runId, window] : batch.windows)
                    m_open.erase(runId);
                if (!m_error)
                    m_error = std::move(error);
            }
            m_flushDone = ticket;
            if (last && m_error)
                std::fprintf(stderr, "perflab: the run store lost data: %s\n", m_error->c_str());
        }
        m_committed.notify_all();
        if (last)
            return;
    }
}

void RunStoreWriter::commit(Connection& connection, const Batch& batch) {
    if (batch.rows.empty() && batch.events.empty() && batch.windows.empty())
        return;
    SqliteTransaction transaction(connection.db);
    for (const auto& [runId, row] : batch.rows) {
        run_store_schema::bindInterval(connection.insertInterval, runId, row);
        connection.insertInterval.run();
    }
    for (const auto& [runId, event] : batch.events)
        connection.insertEvent.bind(1, runId)
            .bind(2, event.tsMs)
            .bind(3, event.kind)
            .bind(4, event.message)
            .run();
    for (const auto& [runId, window] : batch.windows) {
        std::vector<std::uint8_t> latency = window.latency.encode();
        std::vector<std::uint8_t> serviceTime = window.serviceTime.encode();
        connection.upsertHistogram.bind(1, window.startMs)
            .bind(2, runId)
            .bind(3, std::span<const std::uint8_t>(latency))
            .bind(4, std::span<const std::uint8_t>(serviceTime))
            .run();
    }
    transaction.commit();
}

} // namespace perflab
