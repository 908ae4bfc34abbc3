// Writer thread of the run store: one transaction per second with cached statements; windows and rollups.
#include "model/store/run_store_writer.h"
#include "model/store/run_store_rows.h"
#include "model/store/run_store_schema.h"
#include "model/store/sqlite_db.h"

#include <sqlite3.h>

#include <chrono>
#include <cstdio>
#include <map>

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

// Copies the WAL into the database on its own thread and connection (SQLite's automatic checkpoints are off:
// configure()), so the run's thread keeps queueing seconds meanwhile; the writer's next commit waits for the
// write lock, at most the checkpoint's length.
//
// Every checkpoint runs while this process holds the store's write lock (a second connection's open BEGIN
// IMMEDIATE), so no commit of any process can overlap it. SQLite before 3.51.3 (Debian 12 ships 3.40.1) can
// lose committed pages when a checkpoint overlaps another connection's commit that restarts the WAL: the
// WAL-reset bug, https://sqlite.org/wal.html#walresetbug. The store then reads as malformed, or loses rows,
// once the WAL restarts again; checkpoints racing commits from several run processes made that likely.
class RunStoreWriter::Checkpointer {
public:
    explicit Checkpointer(const std::filesystem::path& file)
        : m_db(file)
        , m_writeLock(file)
        , m_thread([this](std::stop_token stop) { run(stop); }) {}

    // sqlite3_wal_hook callback, on the writer thread after each commit.
    static int walGrew(void* self, sqlite3*, const char*, int frames) {
        auto* checkpointer = static_cast<Checkpointer*>(self);
        if (frames >= kFrames) {
            {
                std::lock_guard lock(checkpointer->m_mutex);
                checkpointer->m_due = true;
            }
            checkpointer->m_wake.notify_one();
        }
        return SQLITE_OK;
    }

private:
    static constexpr int kFrames = 256; // 4 MiB of 16 KiB pages

    void run(std::stop_token stop) {
        for (;;) {
            {
                std::unique_lock lock(m_mutex);
                if (!m_wake.wait(lock, stop, [&] { return m_due; }))
                    return;
                m_due = false;
            }
            checkpoint();
        }
    }

    // BUSY only postpones it: the write lock stayed taken for the busy timeout, or readers hold old frames.
    // PASSIVE never waits for readers, so the write lock is held for the copy alone.
    void checkpoint() {
        sqlite3* lock = m_writeLock.db.handle();
        int rc = sqlite3_exec(lock, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr);
        if (rc == SQLITE_OK) {
            rc = sqlite3_wal_checkpoint_v2(m_db.db.handle(), nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr,
                                           nullptr);
            sqlite3_exec(lock, "COMMIT", nullptr, nullptr, nullptr); // nothing written: releases the lock
        }
        if ((rc & 0xff) != SQLITE_OK && (rc & 0xff) != SQLITE_BUSY)
            std::fprintf(stderr, "perflab: checkpoint of %s failed: %s\n", m_db.db.path().c_str(),
                         sqlite3_errstr(rc));
    }

    ConfiguredDb m_db;
    ConfiguredDb m_writeLock; // holds the write lock while m_db checkpoints (one connection cannot do both)
    std::mutex m_mutex;
    std::condition_variable_any m_wake;
    bool m_due = false;
    std::jthread m_thread;
};

struct RunStoreWriter::Connection : ConfiguredDb {
    Connection(const std::filesystem::path& file, Checkpointer& checkpointer)
        : ConfiguredDb(file)
        , insertInterval(db, run_store_rows::insertIntervalSql().c_str())
        , insertEvent(db, "INSERT INTO events(run_id, ts_ms, kind, message) VALUES(?1, ?2, ?3, ?4)")
        , upsertWindow(db, "INSERT OR REPLACE INTO histograms(start_ms, run_id, latency, service_time) "
                           "VALUES(?1, ?2, ?3, ?4)")
        , upsertRollup(db, run_store_rows::upsertRollupSql().c_str())
        , selectWindow(db, "SELECT start_ms, latency, service_time FROM histograms "
                           "WHERE run_id = ?1 AND start_ms = ?2")
        , selectRollup(db, run_store_rows::selectRollupsSql().c_str()) {
        sqlite3_wal_hook(db.handle(), &Checkpointer::walGrew, &checkpointer);
    }
    SqliteStatement insertInterval;
    SqliteStatement insertEvent;
    SqliteStatement upsertWindow;
    SqliteStatement upsertRollup;
    SqliteStatement selectWindow;
    SqliteStatement selectRollup;

    void write(std::int64_t runId, const Rollup& bucket) {
        if (bucket.tierMs != kWindowTierMs) {
            run_store_rows::bindRollup(upsertRollup, runId, bucket);
            upsertRollup.run();
            return;
        }
        // A window always holds histograms: every second adds its own before its row.
        upsertWindow.bind(1, bucket.startMs).bind(2, runId);
        run_store_rows::bindHistograms(upsertWindow, 3, *bucket.latency, *bucket.serviceTime);
        upsertWindow.run();
    }

    // What the store already holds of a bucket (a resumed run continues its window, minute and hour).
    std::optional<Rollup> stored(std::int64_t runId, std::int64_t tierMs, std::int64_t startMs) {
        std::optional<Rollup> bucket;
        if (tierMs == kWindowTierMs) {
            selectWindow.bind(1, runId).bind(2, startMs);
            if (selectWindow.step()) {
                auto [latency, serviceTime] =
                    run_store_rows::readHistograms(db, selectWindow, 1, runId, startMs);
                bucket.emplace(Rollup{.tierMs = tierMs, .startMs = startMs});
                bucket->latency = std::move(latency);
                bucket->serviceTime = std::move(serviceTime);
            }
            selectWindow.reset();
            return bucket;
        }
        selectRollup.bind(1, runId).bind(2, tierMs).bind(3, startMs).bind(4, startMs + 1);
        if (selectRollup.step())
            bucket = run_store_rows::readRollup(db, selectRollup);
        selectRollup.reset();
        return bucket;
    }
};

// Per run, the buckets being filled. Closed buckets are written as they close; the open window at every
// commit (so a crash loses at most a second of histograms); open minutes and hours at flushes and on close
// (after a crash, opening the store rebuilds them from the seconds and windows).
class RunStoreWriter::Tiers {
public:
    explicit Tiers(Connection& connection)
        : m_connection(connection) {}

    void add(const Second& second) {
        RollupBuilder& builder = builderOf(second.runId);
        builder.addHistograms(second.row.startMs, second.latency, second.serviceTime);
        builder.addRow(second.row);
    }
    void writeOpen(bool allTiers) {
        for (auto& [runId, builder] : m_builders)
            for (const Rollup* bucket : builder.openBuckets())
                if (allTiers || bucket->tierMs == kWindowTierMs)
                    m_connection.write(runId, *bucket);
    }
    void close(std::int64_t runId) {
        if (auto open = m_builders.find(runId); open != m_builders.end()) {
            open->second.close();
            m_builders.erase(open);
        }
    }
    // After a failed commit: what the builders merged was rolled back.
    void forget(std::int64_t runId) { m_builders.erase(runId); }
    bool isEmpty() const noexcept { return m_builders.empty(); }

private:
    RollupBuilder& builderOf(std::int64_t runId) {
        auto found = m_builders.find(runId);
        if (found != m_builders.end())
            return found->second;
        return m_builders
            .try_emplace(
                runId, std::vector<std::int64_t>{kWindowTierMs, kMinuteTierMs, kHourTierMs},
                [this, runId](Rollup&& bucket) { m_connection.write(runId, bucket); },
                [this, runId](std::int64_t tierMs, std::int64_t startMs) {
                    return m_connection.stored(runId, tierMs, startMs);
                })
            .first->second;
    }

    Connection& m_connection;
    std::map<std::int64_t, RollupBuilder> m_builders;
};

RunStoreWriter::RunStoreWriter(const std::filesystem::path& file)
    : m_checkpointer(std::make_unique<Checkpointer>(file))
    , m_connection(std::make_unique<Connection>(file, *m_checkpointer))
    , m_tiers(std::make_unique<Tiers>(*m_connection))
    , m_profiles(std::make_unique<run_store_profiles::SliceWriter>(m_connection->db))
    , m_thread([this](std::stop_token stop) { run(stop); }) {}

RunStoreWriter::~RunStoreWriter() {
    m_thread.request_stop();
    m_thread.join();
}

void RunStoreWriter::append(std::int64_t runId, const Interval& interval) {
    Second second{runId, toRow(interval), interval.latency, interval.serviceTime};
    {
        std::lock_guard lock(m_mutex);
        if (m_error) // a full disk: the run must stop now, not at its end
            throw StoreError(*m_error);
        m_queue.seconds.push_back(std::move(second));
    }
    m_wake.notify_one(); // committed now, so a crash loses only the second in progress
}

void RunStoreWriter::addEvent(std::int64_t runId, const RunEvent& event) {
    std::lock_guard lock(m_mutex);
    m_queue.events.emplace_back(runId, event);
}

void RunStoreWriter::appendProfile(std::int64_t runId, std::int64_t startMs, std::int64_t endMs,
                                   const std::string& source, const Profile& profile) {
    ProfileSlice slice{runId, startMs, endMs, source, profile};
    std::lock_guard lock(m_mutex);
    if (m_error)
        throw StoreError(*m_error);
    m_queue.profiles.push_back(std::move(slice));
}

void RunStoreWriter::closeRun(std::int64_t runId) {
    {
        std::lock_guard lock(m_mutex);
        m_queue.closedRuns.push_back(runId);
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
            m_wake.wait_until(lock, stop, nextCommit,
                              [&] { return m_flushRequested != m_flushDone || !m_queue.seconds.empty(); });
            last = stop.stop_requested();
            ticket = m_flushRequested;
            batch = std::exchange(m_queue, Batch{});
        }
        if (Clock::now() >= nextCommit)
            nextCommit = Clock::now() + std::chrono::seconds(1);
        std::optional<std::string> error;
        try {
            commit(batch, ticket != m_flushDone || last);
        } catch (const std::exception& e) {
            error = e.what();
            for (const Second& second : batch.seconds)
                m_tiers->forget(second.runId);
            m_profiles->forget();
        }
        {
            std::lock_guard lock(m_mutex);
            if (error && !m_error)
                m_error = std::move(error);
            m_flushDone = ticket;
            if (last && m_error)
                std::fprintf(stderr, "perflab: the run store lost data: %s\n", m_error->c_str());
        }
        m_committed.notify_all();
        if (last)
            return;
    }
}

// Nothing queued and nothing open (a connection that only renames, deletes and marks runs): no transaction,
// so closing it takes no write lock and cannot fail.
void RunStoreWriter::commit(const Batch& batch, bool writeOpenRollups) {
    if (batch.seconds.empty() && batch.events.empty() && batch.profiles.empty() && batch.closedRuns.empty() &&
        (!writeOpenRollups || m_tiers->isEmpty()))
        return;
    Connection& c = *m_connection;
    SqliteTransaction transaction(c.db);
    for (const Second& second : batch.seconds) {
        run_store_rows::bindInterval(c.insertInterval, second.runId, second.row);
        c.insertInterval.run();
        m_tiers->add(second);
    }
    for (const auto& [runId, event] : batch.events)
        c.insertEvent.bind(1, runId)
            .bind(2, event.tsMs)
            .bind(3, toString(event.kind))
            .bind(4, event.message)
            .run();
    for (const ProfileSlice& slice : batch.profiles)
        m_profiles->write(slice.runId, slice.startMs, slice.endMs, slice.source, slice.profile);
    for (std::int64_t runId : batch.closedRuns) {
        m_tiers->close(runId);
        m_profiles->closeRun(runId);
    }
    m_tiers->writeOpen(writeOpenRollups);
    transaction.commit();
}

} // namespace perflab
