// Store migrations: old rows are read with the old layout and written through today's row code.
#include "model/store/run_store_migration.h"
#include "model/store/run_store_rows.h"
#include "model/store/run_store_schema.h"

#include <string_view>
#include <vector>

namespace perflab::run_store_schema {

namespace {

IntervalRow readVersion1Interval(const SqliteStatement& old) {
    auto count = [&](int column) { return static_cast<std::uint64_t>(old.integer(column)); };
    auto figures = [&](int first) {
        return LatencyFigures{.mean = old.real(first),
                              .p50 = old.real(first + 1),
                              .p90 = old.real(first + 2),
                              .p95 = old.real(first + 3),
                              .p99 = old.real(first + 4),
                              .p999 = old.real(first + 5),
                              .max = old.real(first + 6)};
    };
    return IntervalRow{.startMs = old.integer(1),
                       .durationMs = old.integer(2),
                       .counts = run_store_rows::readCountColumns(old, 3),
                       .activeUsers = static_cast<std::uint32_t>(old.integer(14)),
                       .latency = figures(15),
                       .serviceTime = figures(22),
                       .staleAge = {},
                       .resources = {.processCpuPercent = old.real(29),
                                     .processRssBytes = count(30),
                                     .processMemoryPercent = old.real(31),
                                     .systemCpuPercent = old.real(32),
                                     .systemMemoryPercent = old.real(33),
                                     .memoryTotalBytes = count(34)}};
}

} // namespace

void migrateFromVersion1(SqliteDb& db, const std::string& tablesSql) {
    db.exec("DROP INDEX intervals_by_run; ALTER TABLE intervals RENAME TO intervals_v1;"
            "DROP INDEX histograms_by_run; ALTER TABLE histograms RENAME TO histograms_v1;");
    db.exec(tablesSql.c_str());
    {
        SqliteStatement old(db,
                            "SELECT run_id, ts_ms, duration_ms, requests, errors, err_connect, err_timeout, "
                            "err_io, err_4xx, err_5xx, err_protocol, err_engine, late_sends, dropped_sends, "
                            "active_users, lat_mean, lat_p50, lat_p90, lat_p95, lat_p99, lat_p999, lat_max, "
                            "svc_mean, svc_p50, svc_p90, svc_p95, svc_p99, svc_p999, svc_max, cpu_percent, "
                            "rss_bytes, mem_percent, sys_cpu_percent, sys_mem_percent, mem_total_bytes "
                            "FROM intervals_v1 ORDER BY run_id, ts_ms");
        SqliteStatement insert(db, run_store_rows::insertIntervalSql().c_str());
        while (old.step()) {
            run_store_rows::bindInterval(insert, old.integer(0), readVersion1Interval(old));
            insert.run();
        }
    }
    db.exec("INSERT INTO histograms SELECT run_id, start_ms, latency, "
            "CASE WHEN service_time = latency THEN NULL ELSE service_time END FROM histograms_v1 "
            "ORDER BY run_id, start_ms;"
            "DROP TABLE intervals_v1; DROP TABLE histograms_v1;");
    std::vector<std::int64_t> runs;
    {
        SqliteStatement select(db, "SELECT id FROM runs");
        while (select.step())
            runs.push_back(select.integer(0));
    }
    for (std::int64_t id : runs)
        rebuildRollups(db, id, INT64_MIN);
}

void migrateFromVersion2(SqliteDb& db) {
    db.exec("ALTER TABLE runs ADD COLUMN baseline INTEGER NOT NULL DEFAULT 0");
}

void addNullableColumns(SqliteDb& db) {
    for (const auto& [table, column] : run_store_rows::nullableColumns()) {
        // A column already there (a file whose version was set back by hand) is left as it is.
        SqliteStatement present(db, "SELECT count(*) FROM pragma_table_info(?1) WHERE name = ?2");
        present.bind(1, table).bind(2, std::string_view(column).substr(0, column.find(' ')));
        const bool missing = present.step() && present.integer(0) == 0;
        present.reset(); // no statement may be pending while the schema changes
        if (missing)
            db.exec(("ALTER TABLE " + table + " ADD COLUMN " + column).c_str());
    }
}

} // namespace perflab::run_store_schema
