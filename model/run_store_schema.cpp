// Schema of the run store: time-first keys so the 1 Hz commits append at the end of the B-trees.
#include "model/run_store_schema.h"

#include <cerrno>
#include <csignal>
#include <unistd.h>
#include <vector>

namespace perflab::run_store_schema {

namespace {

constexpr const char* kSchema = R"sql(
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
    summary_json TEXT NOT NULL DEFAULT '');
CREATE INDEX runs_by_status ON runs(status);
CREATE TABLE intervals(
    ts_ms INTEGER NOT NULL,
    run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    duration_ms INTEGER NOT NULL,
    requests INTEGER NOT NULL, errors INTEGER NOT NULL,
    err_connect INTEGER NOT NULL, err_timeout INTEGER NOT NULL, err_io INTEGER NOT NULL,
    err_4xx INTEGER NOT NULL, err_5xx INTEGER NOT NULL, err_protocol INTEGER NOT NULL,
    err_engine INTEGER NOT NULL,
    late_sends INTEGER NOT NULL, dropped_sends INTEGER NOT NULL, active_users INTEGER NOT NULL,
    lat_mean REAL, lat_p50 REAL, lat_p90 REAL, lat_p95 REAL, lat_p99 REAL, lat_p999 REAL, lat_max REAL,
    svc_mean REAL, svc_p50 REAL, svc_p90 REAL, svc_p95 REAL, svc_p99 REAL, svc_p999 REAL, svc_max REAL,
    cpu_percent REAL, rss_bytes INTEGER, mem_percent REAL, sys_cpu_percent REAL, sys_mem_percent REAL,
    mem_total_bytes INTEGER,
    PRIMARY KEY(ts_ms, run_id)) WITHOUT ROWID;
CREATE INDEX intervals_by_run ON intervals(run_id, ts_ms);
CREATE TABLE histograms(
    start_ms INTEGER NOT NULL,
    run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    latency BLOB NOT NULL,
    service_time BLOB NOT NULL,
    PRIMARY KEY(start_ms, run_id)) WITHOUT ROWID;
CREATE INDEX histograms_by_run ON histograms(run_id, start_ms);
CREATE TABLE events(
    id INTEGER PRIMARY KEY,
    run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    ts_ms INTEGER NOT NULL,
    kind TEXT NOT NULL,
    message TEXT NOT NULL);
CREATE INDEX events_by_run ON events(run_id, ts_ms);
)sql";

bool processIsGone(std::int64_t pid) {
    return pid > 0 && ::kill(static_cast<pid_t>(pid), 0) == -1 && errno == ESRCH;
}

} // namespace

void configure(SqliteDb& db, bool writable) {
    db.exec("PRAGMA busy_timeout = 5000");
    if (!writable) {
        db.exec("PRAGMA query_only = ON");
        return;
    }
    db.exec("PRAGMA journal_mode = WAL");
    db.exec("PRAGMA synchronous = NORMAL");
    db.exec("PRAGMA foreign_keys = ON");
}

void migrate(SqliteDb& db) {
    SqliteTransaction transaction(db);
    std::int64_t version = db.queryInt("PRAGMA user_version");
    if (version == 0) {
        if (db.queryInt("SELECT count(*) FROM sqlite_schema") != 0)
            throw StoreError(db.path().string() +
                             " is an SQLite file of another application, not a perflab store");
        db.exec(kSchema);
        db.exec(("PRAGMA user_version = " + std::to_string(kVersion)).c_str());
    }
    transaction.commit();
    check(db);
}

void check(SqliteDb& db) {
    std::int64_t version = db.queryInt("PRAGMA user_version");
    if (version == 0)
        throw StoreError(db.path().string() + " is not a perflab store (it has no perflab tables)");
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
    for (std::int64_t id : orphans)
        interrupt.bind(1, id).run();
    transaction.commit();
}

std::string hostName() {
    char name[256] = {};
    if (::gethostname(name, sizeof name - 1) != 0)
        return "localhost";
    return name;
}

void bindInterval(SqliteStatement& insert, std::int64_t runId, const IntervalRow& row) {
    auto u = [](std::uint64_t value) { return static_cast<std::int64_t>(value); };
    insert.bind(1, row.startMs)
        .bind(2, runId)
        .bind(3, row.durationMs)
        .bind(4, u(row.requests))
        .bind(5, u(row.errors));
    for (std::size_t kind = 0; kind < kErrorKindCount; ++kind)
        insert.bind(6 + static_cast<int>(kind), u(row.errorsByKind[kind]));
    insert.bind(13, u(row.lateSends)).bind(14, u(row.droppedSends)).bind(15, std::int64_t{row.activeUsers});
    int index = 16;
    for (const LatencyFigures* figures : {&row.latency, &row.serviceTime})
        for (double value : {figures->mean, figures->p50, figures->p90, figures->p95, figures->p99,
                             figures->p999, figures->max})
            insert.bind(index++, value);
    const ResourceSample& r = row.resources;
    insert.bind(30, r.processCpuPercent).bind(31, u(r.processRssBytes)).bind(32, r.processMemoryPercent);
    insert.bind(33, r.systemCpuPercent).bind(34, r.systemMemoryPercent).bind(35, u(r.memoryTotalBytes));
}

IntervalRow readInterval(const SqliteStatement& select) {
    auto u = [&](int column) { return static_cast<std::uint64_t>(select.integer(column)); };
    auto figures = [&](int first) {
        return LatencyFigures{.mean = select.real(first),
                              .p50 = select.real(first + 1),
                              .p90 = select.real(first + 2),
                              .p95 = select.real(first + 3),
                              .p99 = select.real(first + 4),
                              .p999 = select.real(first + 5),
                              .max = select.real(first + 6)};
    };
    IntervalRow row{.startMs = select.integer(0),
                    .durationMs = select.integer(1),
                    .requests = u(2),
                    .errors = u(3),
                    .lateSends = u(11),
                    .droppedSends = u(12),
                    .activeUsers = static_cast<std::uint32_t>(select.integer(13)),
                    .latency = figures(14),
                    .serviceTime = figures(21),
                    .resources = {.processCpuPercent = select.real(28),
                                  .processRssBytes = u(29),
                                  .processMemoryPercent = select.real(30),
                                  .systemCpuPercent = select.real(31),
                                  .systemMemoryPercent = select.real(32),
                                  .memoryTotalBytes = u(33)}};
    for (std::size_t kind = 0; kind < kErrorKindCount; ++kind)
        row.errorsByKind[kind] = u(4 + static_cast<int>(kind));
    return row;
}

} // namespace perflab::run_store_schema
