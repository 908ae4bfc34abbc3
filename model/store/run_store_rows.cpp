// Row formats of the run store: column lists generated once, so SQL text and binding cannot drift apart.
#include "model/store/run_store_rows.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <optional>
#include <span>
#include <stdexcept>
#include <string_view>
#include <vector>

namespace perflab::run_store_rows {

namespace {

constexpr std::string_view kErrorColumns[kErrorKindCount] = {
    "err_connect", "err_timeout", "err_io", "err_4xx", "err_5xx", "err_protocol", "err_engine"};
// Per-second rows: few columns (each costs a header byte per row) and small integers.
constexpr std::string_view kIntervalColumns[] = {
    "run_id",        "ts_ms",          "duration_ms", "requests",   "errors",     "err_kinds",  "late_sends",
    "dropped_sends", "active_users",   "lat_mean_ns", "lat_p50_us", "lat_p90_us", "lat_p95_us", "lat_p99_us",
    "lat_p999_us",   "lat_max_us",     "svc",         "cpu_bp",     "rss_kib",    "mem_bp",     "sys_cpu_bp",
    "sys_mem_bp",    "mem_total_kib",  "threads",     "open_fds",   "gen_cpu_bp", "target",     "target_pid",
    "target_cpu_bp", "target_rss_kib", "degraded"};
constexpr int kErrKindsColumn = 5;
constexpr int kFirstLatencyColumn = 9;
constexpr int kServiceColumn = 16;
constexpr int kFirstResourceColumn = 17;
// Schema version 4 added the generator and target columns: NULL when not measured (and in older rows).
constexpr int kFirstTargetColumn = 25;
// Schema version 5 added the degraded answers: NULL when there were none, else varints of their count and
// the stale age's mean, p95 and max in µs.
constexpr int kDegradedColumn = 30;

std::vector<std::string> intervalColumns() {
    return {std::begin(kIntervalColumns), std::end(kIntervalColumns)};
}

// Unsigned LEB128 varints: the packed columns (error kinds, service-time figures).
void putVarint(std::vector<std::uint8_t>& out, std::uint64_t value) {
    for (; value >= 0x80; value >>= 7)
        out.push_back(static_cast<std::uint8_t>(value | 0x80));
    out.push_back(static_cast<std::uint8_t>(value));
}

template <std::size_t N> std::array<std::uint64_t, N> getVarints(std::span<const std::uint8_t> bytes) {
    std::array<std::uint64_t, N> values{};
    std::size_t at = 0;
    for (auto& value : values)
        for (int shift = 0; at < bytes.size() && shift < 64; shift += 7) {
            value |= std::uint64_t{bytes[at] & 0x7fu} << shift;
            if ((bytes[at++] & 0x80) == 0)
                break;
        }
    return values;
}

constexpr std::string_view kEnvelopeParts[] = {"_first", "_min", "_max", "_last"};
constexpr int kFirstRollupFigureColumn = 16;
constexpr int kRollupDegradedColumn = kFirstRollupFigureColumn + 4 * static_cast<int>(kChartFigureCount) + 2;

std::vector<std::string> rollupColumns() {
    std::vector<std::string> columns = {"run_id",  "tier_ms",  "start_ms", "end_ms",
                                        "seconds", "requests", "errors"};
    columns.insert(columns.end(), std::begin(kErrorColumns), std::end(kErrorColumns));
    columns.insert(columns.end(), {"late_sends", "dropped_sends"});
    for (std::size_t f = 0; f < kChartFigureCount; ++f)
        for (std::string_view part : kEnvelopeParts)
            columns.push_back(std::string(columnName(static_cast<ChartFigure>(f))) + std::string(part));
    columns.insert(columns.end(), {"latency", "service_time", "degraded"});
    return columns;
}

std::string joined(const std::vector<std::string>& columns, std::string_view (*decorate)(std::size_t)) {
    std::string out;
    for (std::size_t i = 0; i < columns.size(); ++i) {
        out += i ? ", " : "";
        out += columns[i];
        out += decorate ? decorate(i) : std::string_view();
    }
    return out;
}

std::string placeholders(std::size_t count) {
    std::string out;
    for (std::size_t i = 1; i <= count; ++i)
        out += (i > 1 ? ",?" : "?") + std::to_string(i);
    return out;
}

std::int64_t scaled(double value, double factor) {
    return std::llround(value * factor);
}

std::int64_t u(std::uint64_t value) {
    return static_cast<std::int64_t>(value);
}

} // namespace

std::string intervalsTableSql() {
    // Packed columns are NULL when empty (no errors; service time equal to latency); the rest are integers.
    const auto decorate = +[](std::size_t i) -> std::string_view {
        const auto column = static_cast<int>(i);
        if (column == 0)
            return " INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE";
        if (column >= kFirstTargetColumn && column != kDegradedColumn)
            return " INTEGER";
        return column == kErrKindsColumn || column == kDegradedColumn || column == kServiceColumn
                   ? " BLOB"
                   : " INTEGER NOT NULL";
    };
    // Run first, then time: a run's seconds are contiguous and each commit appends at the end of its run.
    return "CREATE TABLE intervals(" + joined(intervalColumns(), decorate) +
           ", PRIMARY KEY(run_id, ts_ms)) WITHOUT ROWID;\n";
}

namespace {
std::string_view rollupColumnType(std::size_t i) {
    const auto column = static_cast<int>(i);
    if (column == 0)
        return " INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE";
    if (column < kFirstRollupFigureColumn)
        return " INTEGER NOT NULL";
    if (column == kRollupDegradedColumn)
        return " INTEGER"; // NULL in rollups from before schema version 5
    if (column >= kFirstRollupFigureColumn + 4 * static_cast<int>(kChartFigureCount))
        return " BLOB";
    return mayBeAbsent(static_cast<ChartFigure>((column - kFirstRollupFigureColumn) / 4)) ? " REAL"
                                                                                          : " REAL NOT NULL";
}
} // namespace

std::string rollupsTableSql() {
    return "CREATE TABLE rollups(" + joined(rollupColumns(), rollupColumnType) +
           ", PRIMARY KEY(run_id, tier_ms, start_ms)) WITHOUT ROWID;\n";
}

std::vector<std::pair<std::string, std::string>> nullableColumns() {
    std::vector<std::pair<std::string, std::string>> columns;
    const auto intervals = intervalColumns();
    for (std::size_t i = kFirstTargetColumn; i < intervals.size(); ++i)
        columns.emplace_back("intervals",
                             intervals[i] + (static_cast<int>(i) == kDegradedColumn ? " BLOB" : " INTEGER"));
    const auto rollups = rollupColumns();
    for (std::size_t i = 0; i < rollups.size(); ++i)
        if (const std::string_view type = rollupColumnType(i); type == " REAL" || type == " INTEGER")
            columns.emplace_back("rollups", rollups[i] + std::string(type));
    return columns;
}

const std::string& insertIntervalSql() {
    static const std::string sql = "INSERT INTO intervals(" + joined(intervalColumns(), nullptr) +
                                   ") VALUES(" + placeholders(intervalColumns().size()) + ")";
    return sql;
}

const std::string& selectIntervalsSql() {
    static const std::string sql = "SELECT " + joined(intervalColumns(), nullptr) +
                                   " FROM intervals WHERE run_id = ?1 AND ts_ms > ?2 AND ts_ms < ?3 "
                                   "ORDER BY ts_ms";
    return sql;
}

void bindInterval(SqliteStatement& insert, std::int64_t runId, const IntervalRow& row) {
    const RequestCounts& c = row.counts;
    insert.bind(1, runId).bind(2, row.startMs).bind(3, row.durationMs).bind(4, u(c.requests));
    insert.bind(5, u(c.errors));
    if (std::any_of(c.errorsByKind.begin(), c.errorsByKind.end(), [](auto n) { return n > 0; })) {
        std::vector<std::uint8_t> kinds;
        for (std::uint64_t count : c.errorsByKind)
            putVarint(kinds, count);
        insert.bind(kErrKindsColumn + 1, std::span<const std::uint8_t>(kinds));
    }
    insert.bind(7, u(c.lateSends)).bind(8, u(c.droppedSends)).bind(9, std::int64_t{row.activeUsers});
    auto integers = [](const LatencyFigures& f) {
        return std::array<std::int64_t, 7>{scaled(f.mean, 1e6), scaled(f.p50, 1e3), scaled(f.p90, 1e3),
                                           scaled(f.p95, 1e3),  scaled(f.p99, 1e3), scaled(f.p999, 1e3),
                                           scaled(f.max, 1e3)};
    };
    const auto latency = integers(row.latency);
    for (std::size_t i = 0; i < latency.size(); ++i)
        insert.bind(kFirstLatencyColumn + 1 + static_cast<int>(i), latency[i]);
    if (const auto service = integers(row.serviceTime); service != latency) {
        std::vector<std::uint8_t> packed;
        for (std::int64_t value : service)
            putVarint(packed, static_cast<std::uint64_t>(std::max<std::int64_t>(value, 0)));
        insert.bind(kServiceColumn + 1, std::span<const std::uint8_t>(packed));
    }
    const ResourceSample& r = row.resources;
    const int at = kFirstResourceColumn + 1;
    insert.bind(at, scaled(r.processCpuPercent, 100)).bind(at + 1, u(r.processRssBytes / 1024));
    insert.bind(at + 2, scaled(r.processMemoryPercent, 100)).bind(at + 3, scaled(r.systemCpuPercent, 100));
    insert.bind(at + 4, scaled(r.systemMemoryPercent, 100)).bind(at + 5, u(r.memoryTotalBytes / 1024));
    insert.bind(at + 6, std::int64_t{r.threads}).bind(at + 7, std::int64_t{r.openFds});
    // Unbound parameters are NULL: absent figures.
    const int target = kFirstTargetColumn + 1;
    if (r.generatorCpuPercent)
        insert.bind(target, scaled(*r.generatorCpuPercent, 100));
    if (r.target != TargetPlacement::Unknown)
        insert.bind(target + 1, std::int64_t{static_cast<std::uint8_t>(r.target)});
    if (r.targetPid > 0)
        insert.bind(target + 2, std::int64_t{r.targetPid});
    if (r.targetCpuPercent)
        insert.bind(target + 3, scaled(*r.targetCpuPercent, 100));
    if (r.targetRssBytes)
        insert.bind(target + 4, u(*r.targetRssBytes / 1024));
    if (c.degraded > 0) {
        std::vector<std::uint8_t> degraded;
        putVarint(degraded, c.degraded);
        for (double ms : {row.staleAge.mean, row.staleAge.p95, row.staleAge.max})
            putVarint(degraded, static_cast<std::uint64_t>(std::max<std::int64_t>(scaled(ms, 1e3), 0)));
        insert.bind(kDegradedColumn + 1, std::span<const std::uint8_t>(degraded));
    }
}

namespace {
void readTargetColumns(const SqliteStatement& select, ResourceSample& r) {
    const int at = kFirstTargetColumn;
    auto percent = [&](int column) {
        return select.isNull(column) ? std::nullopt
                                     : std::optional(static_cast<double>(select.integer(column)) / 100);
    };
    r.generatorCpuPercent = percent(at);
    if (!select.isNull(at + 1)) {
        const std::int64_t placement = select.integer(at + 1);
        r.target = placement > 0 && placement <= static_cast<std::int64_t>(TargetPlacement::Remote)
                       ? static_cast<TargetPlacement>(placement)
                       : TargetPlacement::Unknown; // written by a newer perflab
    }
    r.targetPid = select.isNull(at + 2) ? 0 : static_cast<std::int32_t>(select.integer(at + 2));
    r.targetCpuPercent = percent(at + 3);
    if (!select.isNull(at + 4))
        r.targetRssBytes = static_cast<std::uint64_t>(select.integer(at + 4)) * 1024;
}
} // namespace

IntervalRow readInterval(const SqliteStatement& select) {
    auto count = [&](int column) { return static_cast<std::uint64_t>(select.integer(column)); };
    auto figures = [](const auto& v) {
        auto ms = [](auto us) { return static_cast<double>(us) / 1e3; };
        return LatencyFigures{.mean = static_cast<double>(v[0]) / 1e6,
                              .p50 = ms(v[1]),
                              .p90 = ms(v[2]),
                              .p95 = ms(v[3]),
                              .p99 = ms(v[4]),
                              .p999 = ms(v[5]),
                              .max = ms(v[6])};
    };
    std::array<std::int64_t, 7> latency{};
    for (std::size_t i = 0; i < latency.size(); ++i)
        latency[i] = select.integer(kFirstLatencyColumn + static_cast<int>(i));
    auto percent = [&](int column) { return static_cast<double>(select.integer(column)) / 100; };
    const int at = kFirstResourceColumn;
    RequestCounts counts{
        .requests = count(3), .errors = count(4), .lateSends = count(6), .droppedSends = count(7)};
    if (!select.isNull(kErrKindsColumn))
        counts.errorsByKind = getVarints<kErrorKindCount>(select.blob(kErrKindsColumn));
    IntervalRow row{.startMs = select.integer(1),
                    .durationMs = select.integer(2),
                    .counts = counts,
                    .activeUsers = static_cast<std::uint32_t>(select.integer(8)),
                    .latency = figures(latency),
                    .serviceTime = {},
                    .staleAge = {},
                    .resources = {.processCpuPercent = percent(at),
                                  .processRssBytes = count(at + 1) * 1024,
                                  .processMemoryPercent = percent(at + 2),
                                  .systemCpuPercent = percent(at + 3),
                                  .systemMemoryPercent = percent(at + 4),
                                  .memoryTotalBytes = count(at + 5) * 1024,
                                  .threads = static_cast<std::uint32_t>(select.integer(at + 6)),
                                  .openFds = static_cast<std::uint32_t>(select.integer(at + 7))}};
    readTargetColumns(select, row.resources);
    if (!select.isNull(kDegradedColumn)) {
        const auto degraded = getVarints<4>(select.blob(kDegradedColumn));
        row.counts.degraded = degraded[0];
        row.staleAge = {.mean = static_cast<double>(degraded[1]) / 1e3,
                        .p95 = static_cast<double>(degraded[2]) / 1e3,
                        .max = static_cast<double>(degraded[3]) / 1e3};
    }
    row.serviceTime =
        select.isNull(kServiceColumn) ? row.latency : figures(getVarints<7>(select.blob(kServiceColumn)));
    return row;
}

const std::string& upsertRollupSql() {
    static const std::string sql = "INSERT OR REPLACE INTO rollups(" + joined(rollupColumns(), nullptr) +
                                   ") VALUES(" + placeholders(rollupColumns().size()) + ")";
    return sql;
}

const std::string& selectRollupsSql() {
    static const std::string sql = "SELECT " + joined(rollupColumns(), nullptr) +
                                   " FROM rollups WHERE run_id = ?1 AND tier_ms = ?2 AND start_ms >= ?3 "
                                   "AND start_ms < ?4 ORDER BY start_ms";
    return sql;
}

void bindRollup(SqliteStatement& upsert, std::int64_t runId, const Rollup& rollup) {
    upsert.bind(1, runId).bind(2, rollup.tierMs).bind(3, rollup.startMs).bind(4, rollup.endMs);
    const RequestCounts& c = rollup.counts;
    upsert.bind(5, std::int64_t{rollup.seconds}).bind(6, u(c.requests)).bind(7, u(c.errors));
    for (std::size_t kind = 0; kind < kErrorKindCount; ++kind)
        upsert.bind(8 + static_cast<int>(kind), u(c.errorsByKind[kind]));
    upsert.bind(15, u(c.lateSends)).bind(16, u(c.droppedSends));
    int index = kFirstRollupFigureColumn + 1;
    for (const Envelope& e : rollup.figures)
        for (double value : {e.first, e.min, e.max, e.last}) {
            if (!std::isnan(value)) // an absent figure stays NULL
                upsert.bind(index, value);
            ++index;
        }
    if (rollup.latency)
        bindHistograms(upsert, index, *rollup.latency, *rollup.serviceTime);
    upsert.bind(kRollupDegradedColumn + 1, u(c.degraded));
}

std::pair<std::int64_t, std::int64_t> readEnvelopes(const SqliteStatement& select,
                                                    std::array<Envelope, kChartFigureCount>& figures) {
    int column = kFirstRollupFigureColumn;
    const auto value = [&](int at) {
        return select.isNull(at) ? std::numeric_limits<double>::quiet_NaN() : select.real(at);
    };
    for (Envelope& e : figures) {
        e = {value(column), value(column + 1), value(column + 2), value(column + 3)};
        column += 4;
    }
    return {select.integer(2), select.integer(3)};
}

RequestCounts readCountColumns(const SqliteStatement& select, int first) {
    auto count = [&](int column) { return static_cast<std::uint64_t>(select.integer(first + column)); };
    RequestCounts counts{.requests = count(0),
                         .errors = count(1),
                         .lateSends = count(2 + static_cast<int>(kErrorKindCount)),
                         .droppedSends = count(3 + static_cast<int>(kErrorKindCount))};
    for (std::size_t kind = 0; kind < kErrorKindCount; ++kind)
        counts.errorsByKind[kind] = count(2 + static_cast<int>(kind));
    return counts;
}

Rollup readRollup(const SqliteDb& db, const SqliteStatement& select) {
    Rollup rollup{.tierMs = select.integer(1),
                  .startMs = select.integer(2),
                  .endMs = select.integer(3),
                  .seconds = static_cast<std::uint32_t>(select.integer(4)),
                  .counts = readCountColumns(select, 5)};
    readEnvelopes(select, rollup.figures);
    const int column = kFirstRollupFigureColumn + 4 * static_cast<int>(kChartFigureCount);
    if (!select.isNull(column)) {
        auto [latency, serviceTime] = readHistograms(db, select, column, select.integer(0), rollup.startMs);
        rollup.latency = std::move(latency);
        rollup.serviceTime = std::move(serviceTime);
    }
    if (!select.isNull(kRollupDegradedColumn))
        rollup.counts.degraded = static_cast<std::uint64_t>(select.integer(kRollupDegradedColumn));
    return rollup;
}

void bindHistograms(SqliteStatement& statement, int first, const Histogram& latency,
                    const Histogram& serviceTime) {
    const std::vector<std::uint8_t> latencyBytes = latency.encode();
    statement.bind(first, std::span<const std::uint8_t>(latencyBytes));
    const std::vector<std::uint8_t> serviceTimeBytes = serviceTime.encode();
    if (serviceTimeBytes != latencyBytes)
        statement.bind(first + 1, std::span<const std::uint8_t>(serviceTimeBytes));
}

std::pair<Histogram, Histogram> readHistograms(const SqliteDb& db, const SqliteStatement& select, int first,
                                               std::int64_t runId, std::int64_t atMs) {
    auto decode = [&](int column) {
        try {
            return Histogram::decode(select.blob(column));
        } catch (const std::runtime_error& error) {
            throw StoreError("damaged histogram of run " + std::to_string(runId) + " at " +
                             std::to_string(atMs) + " ms in " + db.path().string() + ": " + error.what());
        }
    };
    Histogram latency = decode(first);
    Histogram serviceTime = select.isNull(first + 1) ? latency : decode(first + 1);
    return {std::move(latency), std::move(serviceTime)};
}

} // namespace perflab::run_store_rows
