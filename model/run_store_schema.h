// The run store's tables, connection settings, interval row (de)serialization and crash recovery.
#pragma once

#include "model/interval.h"
#include "model/sqlite_db.h"

#include <cstdint>
#include <string>

namespace perflab::run_store_schema {

inline constexpr std::int64_t kVersion = 1;
inline constexpr std::int64_t kHistogramWindowMs = 10'000;

// WAL, synchronous=NORMAL, busy timeout and foreign keys (read-only: busy timeout and query_only).
void configure(SqliteDb& db, bool writable);
// Creates the tables in a new file; refuses files of another application or a newer schema.
void migrate(SqliteDb& db);
// Read-only opens: the file must already hold this schema.
void check(SqliteDb& db);
// Runs left 'running' on this host by a process that no longer exists become 'interrupted'.
void markInterruptedRuns(SqliteDb& db, const std::string& host);

std::string hostName();

inline constexpr const char* kInsertInterval =
    "INSERT INTO intervals(ts_ms, run_id, duration_ms, requests, errors, err_connect, err_timeout, err_io, "
    "err_4xx, err_5xx, err_protocol, err_engine, late_sends, dropped_sends, active_users, lat_mean, lat_p50, "
    "lat_p90, lat_p95, lat_p99, lat_p999, lat_max, svc_mean, svc_p50, svc_p90, svc_p95, svc_p99, svc_p999, "
    "svc_max, cpu_percent, rss_bytes, mem_percent, sys_cpu_percent, sys_mem_percent, mem_total_bytes) "
    "VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18,?19,?20,?21,?22,?23,?24,?25,?26,?"
    "27,"
    "?28,?29,?30,?31,?32,?33,?34,?35)";
inline constexpr const char* kSelectIntervals =
    "SELECT ts_ms, duration_ms, requests, errors, err_connect, err_timeout, err_io, err_4xx, err_5xx, "
    "err_protocol, err_engine, late_sends, dropped_sends, active_users, lat_mean, lat_p50, lat_p90, lat_p95, "
    "lat_p99, lat_p999, lat_max, svc_mean, svc_p50, svc_p90, svc_p95, svc_p99, svc_p999, svc_max, "
    "cpu_percent, "
    "rss_bytes, mem_percent, sys_cpu_percent, sys_mem_percent, mem_total_bytes FROM intervals "
    "WHERE run_id = ?1 AND ts_ms > ?2 ORDER BY ts_ms";

// Binds every parameter of kInsertInterval.
void bindInterval(SqliteStatement& insert, std::int64_t runId, const IntervalRow& row);
// Reads the current row of kSelectIntervals.
IntervalRow readInterval(const SqliteStatement& select);

} // namespace perflab::run_store_schema
