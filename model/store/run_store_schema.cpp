// Schema of the run store: time-first keys so the 1 Hz commits append at the end of the B-trees.
#include "model/store/run_store_schema.h"
#include "model/store/run_store_migration.h"
#include "model/store/run_store_profiles.h"
#include "model/store/run_store_rows.h"

#include <cerrno>
#include <csignal>
#include <unistd.h>
#include <vector>

namespace perflab::run_store_schema {

namespace {

// Version 5 (version 4 plus the nullable degraded columns; version 4 was version 3 plus the nullable
// generator and target columns of run_store_rows.h; version 3 was
// version 2 plus runs.baseline and the profile tables of run_store_profiles.h): integer-coded
// per-second rows, nullable service-time histograms, minute/hour rollups, keyed by run then time. 16 KiB
// pages keep kilobyte histogram rows in their page (WITHOUT ROWID spills rows over a quarter page into
// overflow pages).
constexpr const char* kTables = R"sql(
CREATE TABLE runs(
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    status TEXT NOT NULL,
    started_ms INTEGER NOT NULL,
    ended_ms INTEGER NOT NULL DEFAULT 0,
    pid INTEGER NOT NULL,
    host TEXT NOT NULL,
    scenario_json TEXT NOT NULL,
    summary_json TEXT NOT NULL DEFAULT '',
    baseline INTEGER NOT NULL DEFAULT 0);
CREATE INDEX runs_by_status ON runs(status);
CREATE TABLE events(
    id INTEGER PRIMARY KEY,
    run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    ts_ms INTEGER NOT NULL,
    kind TEXT NOT NULL,
    message TEXT NOT NULL);
CREATE INDEX events_by_run ON events(run_id, ts_ms);
)sql";

constexpr const char* kHistogramsTable = R"sql(
CREATE TABLE histograms(
    run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    start_ms INTEGER NOT NULL,
    latency BLOB NOT NULL,
    service_time BLOB,
    PRIMARY KEY(run_id, start_ms)) WITHOUT ROWID;
)sql";

std::string schemaSql() {
    return std::string(kTables) + kHistogramsTable + run_store_rows::intervalsTableSql() +
           run_store_rows::rollupsTableSql() + run_store_profiles::tablesSql();
}

} // namespace

bool processIsGone(std::int64_t pid) {
    return pid > 0 && ::kill(static_cast<pid_t>(pid), 0) == -1 && errno == ESRCH;
}

void configure(SqliteDb& db, bool writable) {
    db.exec("PRAGMA busy_timeout = 5000");
    if (!writable) {
        db.exec("PRAGMA query_only = ON");
        return;
    }
    db.exec("PRAGMA page_size = 16384"); // new files only: fewer, fuller pages for kilobyte histogram rows
    db.exec("PRAGMA journal_mode = WAL");
    db.exec("PRAGMA synchronous = NORMAL");
    db.exec("PRAGMA foreign_keys = ON");
    // SQLite's automatic checkpoint runs after a commit, without the write lock, where it can race another
    // connection's commit (see the checkpointer in run_store_writer.cpp).
    db.exec("PRAGMA wal_autocheckpoint = 0");
}

void migrate(SqliteDb& db) {
    SqliteTransaction transaction(db);
    std::int64_t version = db.queryInt("PRAGMA user_version");
    if (version == 0 && db.queryInt("SELECT count(*) FROM sqlite_schema") != 0)
        throw StoreError(db.path().string() +
                         " is an SQLite file of another application, not a perflab store");
    if (version == 0)
        db.exec(schemaSql().c_str());
    if (version == 1)
        migrateFromVersion1(db, std::string(kHistogramsTable) + run_store_rows::intervalsTableSql() +
                                    run_store_rows::rollupsTableSql());
    if (version == 1 || version == 2) { // version 3 added the baseline mark and profile slices
        migrateFromVersion2(db);
        db.exec(run_store_profiles::tablesSql());
    }
    if (version >= 2 && version <= 4) // version 1 was rebuilt with today's tables
        addNullableColumns(db);
    if (version < kVersion)
        db.exec(("PRAGMA user_version = " + std::to_string(kVersion)).c_str());
    transaction.commit();
    check(db);
}

void check(SqliteDb& db) {
    std::int64_t version = db.queryInt("PRAGMA user_version");
    if (version == 0)
        throw StoreError(db.path().string() + " is not a perflab store (it has no perflab tables)");
    if (version < kVersion)
        throw StoreError(db.path().string() + " holds store schema " + std::to_string(version) +
                         " of an older perflab; a writing command (perflab run) upgrades it");
    if (version > kVersion)
        throw StoreError(db.path().string() + " was written by a newer perflab (store schema " +
                         std::to_string(version) + "; this build reads up to " + std::to_string(kVersion) +
                         ")");
}

void markInterruptedRuns(SqliteDb& db, const std::string& host) {
    std::vector<std::int64_t> orphans;
    SqliteStatement running(db, "SELECT id, pid FROM runs WHERE status = 'running' AND host = ?1");
    running.bind(1, host);
    while (running.step())
        if (processIsGone(running.integer(1)))
            orphans.push_back(running.integer(0));
    running.reset();
    if (orphans.empty())
        return;
    // The run ended with its last stored second; without any, at its start.
    SqliteStatement interrupt(
        db, "UPDATE runs SET status = 'interrupted', ended_ms = coalesce("
            "(SELECT max(ts_ms + duration_ms) FROM intervals WHERE run_id = ?1), started_ms) "
            "WHERE id = ?1 AND status = 'running'");
    SqliteTransaction transaction(db);
    for (std::int64_t id : orphans) {
        interrupt.bind(1, id).run();
        rebuildOpenRollups(db, id);
    }
    transaction.commit();
}

void rebuildRollups(SqliteDb& db, std::int64_t runId, std::int64_t fromMs) {
    SqliteStatement upsert(db, run_store_rows::upsertRollupSql().c_str());
    RollupBuilder builder({kMinuteTierMs, kHourTierMs}, [&](Rollup&& rollup) {
        run_store_rows::bindRollup(upsert, runId, rollup);
        upsert.run();
    });
    SqliteStatement windows(db, "SELECT start_ms, latency, service_time FROM histograms "
                                "WHERE run_id = ?1 AND start_ms >= ?2 ORDER BY start_ms");
    windows.bind(1, runId).bind(2, fromMs);
    bool haveWindow = windows.step();
    // A window goes in before the seconds it covers, so every bucket sees its rows and histograms.
    auto feedWindowsUpTo = [&](std::int64_t ms) {
        for (; haveWindow && windows.integer(0) <= ms; haveWindow = windows.step()) {
            const auto [latency, serviceTime] =
                run_store_rows::readHistograms(db, windows, 1, runId, windows.integer(0));
            builder.addHistograms(windows.integer(0), latency, serviceTime);
        }
    };
    SqliteStatement rows(db, run_store_rows::selectIntervalsSql().c_str());
    rows.bind(1, runId).bind(2, fromMs == INT64_MIN ? fromMs : fromMs - 1).bind(3, INT64_MAX);
    while (rows.step()) {
        const IntervalRow row = run_store_rows::readInterval(rows);
        feedWindowsUpTo(row.startMs);
        builder.addRow(row);
    }
    feedWindowsUpTo(INT64_MAX);
    builder.close();
}

void rebuildOpenRollups(SqliteDb& db, std::int64_t runId) {
    SqliteStatement lastHour(db, "SELECT max(start_ms) FROM rollups WHERE run_id = ?1 AND tier_ms = ?2");
    lastHour.bind(1, runId).bind(2, kHourTierMs);
    const std::int64_t from = lastHour.step() && !lastHour.isNull(0) ? lastHour.integer(0) : INT64_MIN;
    lastHour.reset();
    rebuildRollups(db, runId, from);
}

std::string hostName() {
    char name[256] = {};
    if (::gethostname(name, sizeof name - 1) != 0)
        return "localhost";
    return name;
}

} // namespace perflab::run_store_schema
