// The run store's row formats: per-second interval rows and minute/hour rollups, their SQL and (de)coding.
#pragma once

#include "model/store/rollup.h"
#include "model/store/sqlite_db.h"

#include <array>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace perflab::run_store_rows {

// Tables (schema version 5). Per-second rows keep latencies in integer µs (means in ns) and percentages
// in hundredths (basis points): SQLite stores small integers in 1-4 bytes where a REAL takes 8, which keeps
// a 72-hour run in tens of MB. Service-time columns are NULL when equal to the latency columns (closed
// model). Rollups carry chart envelopes (first/min/max/last) and merged histograms.
std::string intervalsTableSql();
std::string rollupsTableSql();
// The nullable columns added since schema version 3, as (table, "column TYPE") pairs: version 4's generator
// and target figures, version 5's degraded answers (their counts, stale ages and chart envelopes).
std::vector<std::pair<std::string, std::string>> nullableColumns();

// Parameters ?1 run, ?2 row; reads select rows of run ?1 with ?2 < ts_ms < ?3 in time order.
const std::string& insertIntervalSql();
const std::string& selectIntervalsSql();
void bindInterval(SqliteStatement& insert, std::int64_t runId, const IntervalRow& row);
IntervalRow readInterval(const SqliteStatement& select);

// Upsert by (run, tier, start); reads select run ?1, tier ?2, ?3 <= start_ms < ?4 in time order.
const std::string& upsertRollupSql();
const std::string& selectRollupsSql();
// Histograms are encoded by the caller's thread; service time is stored NULL when equal to latency.
void bindRollup(SqliteStatement& upsert, std::int64_t runId, const Rollup& rollup);
Rollup readRollup(const SqliteDb& db, const SqliteStatement& select);
// Counts stored one to a column from `first` on: requests, errors, one per error kind, late and dropped sends
// (rollups, and per-second rows before schema version 2).
RequestCounts readCountColumns(const SqliteStatement& select, int first);

// A latency and a service-time histogram in two neighbouring columns (service time NULL when it equals the
// latency, as in the closed model). Binding encodes both into parameters first and first + 1; reading
// decodes columns first and first + 1, a damaged blob being a StoreError naming the run, the time and the
// file.
void bindHistograms(SqliteStatement& statement, int first, const Histogram& latency,
                    const Histogram& serviceTime);
std::pair<Histogram, Histogram> readHistograms(const SqliteDb& db, const SqliteStatement& select, int first,
                                               std::int64_t runId, std::int64_t atMs);
// Only the chart envelopes and the bucket's [start, end): chart reads build no histograms.
std::pair<std::int64_t, std::int64_t> readEnvelopes(const SqliteStatement& select,
                                                    std::array<Envelope, kChartFigureCount>& figures);

} // namespace perflab::run_store_rows
