// RunStore: opens the SQLite file, recovers interrupted runs, starts the writer and answers reads.
#include "model/store/run_store.h"
#include "model/store/run_store_impl.h"
#include "model/store/run_store_profiles.h"
#include "model/store/run_store_rows.h"
#include "model/store/run_store_schema.h"
#include "model/store/run_store_writer.h"
#include "model/store/sqlite_db.h"

#include <sqlite3.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <pwd.h>
#include <system_error>
#include <unistd.h>

namespace perflab {

namespace {

void createFolderOf(const std::filesystem::path& file) {
    std::filesystem::path folder = file.parent_path();
    if (folder.empty())
        return;
    std::error_code error;
    std::filesystem::create_directories(folder, error);
    if (error)
        throw StoreError("cannot create the folder " + folder.string() + " for the store " + file.string() +
                         ": " + error.message());
}

// SQLite would open a write-protected store read-only and fail later with "unable to open database file".
// Writing needs the file and its folder (the WAL and shared-memory files live beside it).
void refuseReadOnly(const std::filesystem::path& file) {
    const std::filesystem::path folder = file.parent_path().empty() ? "." : file.parent_path();
    for (const auto& path : {file, folder})
        if (std::filesystem::exists(path) && ::access(path.c_str(), W_OK) != 0)
            throw StoreError("the store " + file.string() + " is read-only (" + path.string() + ": " +
                             std::strerror(errno) + "); choose a writable one with --db FILE");
}

// A run still marked running whose process on this host is gone is what the next writer will mark it:
// interrupted, ended with its last stored second (else at its start). Readers see that now, not only after
// a writing command opened the store.
RunInfo seenAsItIs(RunInfo run, const SqliteStatement& select, const std::string& host) {
    if (run.status == RunStatus::Running && select.text(10) == host &&
        run_store_schema::processIsGone(run.pid)) {
        run.status = RunStatus::Interrupted;
        run.endedMs = select.isNull(11) ? run.startedMs : select.integer(11);
    }
    return run;
}

// A name this Perflab does not know (a damaged store, or one a newer Perflab wrote) is a StoreError naming
// the file.
template <NamedEnum Enum> Enum readName(const std::string& text, const std::filesystem::path& file) {
    try {
        return parseName<Enum>(text);
    } catch (const std::invalid_argument& e) {
        throw StoreError("the store " + file.string() + " holds an " + e.what());
    }
}

RunInfo readRun(const SqliteStatement& select, const std::filesystem::path& file) {
    return {.id = select.integer(0),
            .name = select.text(1),
            .kind = readName<TestKind>(select.text(2), file),
            .status = readName<RunStatus>(select.text(3), file),
            .startedMs = select.integer(4),
            .endedMs = select.integer(5),
            .pid = select.integer(6),
            .scenarioJson = select.text(7),
            .summaryJson = select.text(8),
            .baseline = select.integer(9) != 0};
}

constexpr const char* kSelectRuns =
    "SELECT id, name, kind, status, started_ms, ended_ms, pid, scenario_json, summary_json, baseline, host, "
    "CASE WHEN status = 'running' THEN "
    "(SELECT ts_ms + duration_ms FROM intervals WHERE run_id = runs.id ORDER BY ts_ms DESC LIMIT 1) END "
    "FROM runs";

} // namespace

RunStore::RunStore(const std::filesystem::path& file, Mode mode)
    : m_impl(std::make_unique<Impl>()) {
    m_impl->path = file;
    m_impl->mode = mode;
    if (mode == Mode::ReadOnly) {
        m_impl->db = std::make_unique<SqliteDb>(file, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX);
        run_store_schema::configure(*m_impl->db, false);
        run_store_schema::check(*m_impl->db);
        return;
    }
    createFolderOf(file);
    refuseReadOnly(file);
    m_impl->db =
        std::make_unique<SqliteDb>(file, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX);
    run_store_schema::configure(*m_impl->db, true);
    run_store_schema::migrate(*m_impl->db);
    run_store_schema::markInterruptedRuns(*m_impl->db, m_impl->host);
    m_impl->writer = std::make_unique<RunStoreWriter>(file);
}

RunStore::~RunStore() = default;

const std::filesystem::path& RunStore::path() const noexcept {
    return m_impl->path;
}

std::int64_t RunStore::beginRun(const std::string& name, TestKind kind, const std::string& scenarioJson,
                                std::optional<std::int64_t> startedMs) {
    m_impl->requireWriter();
    std::lock_guard lock(m_impl->mutex);
    SqliteStatement insert(*m_impl->db,
                           "INSERT INTO runs(name, kind, status, started_ms, pid, host, scenario_json) "
                           "VALUES(?1, ?2, 'running', ?3, ?4, ?5, ?6)");
    insert.bind(1, name)
        .bind(2, toString(kind))
        .bind(3, startedMs.value_or(epochMsNow()))
        .bind(4, std::int64_t{::getpid()});
    insert.bind(5, m_impl->host).bind(6, scenarioJson).run();
    return m_impl->db->lastInsertId();
}

RunInfo RunStore::resumeRun(std::int64_t runId) {
    m_impl->requireWriter();
    const std::optional<RunInfo> before = run(runId);
    if (!before)
        throw std::invalid_argument("no run " + std::to_string(runId) + " in " + m_impl->path.string());
    if (!before->resumable())
        throw std::invalid_argument("run " + std::to_string(runId) + " is " +
                                    std::string(toString(before->status)) +
                                    "; only an interrupted, stopped or aborted run can be resumed");
    {
        std::lock_guard lock(m_impl->mutex);
        SqliteStatement update(*m_impl->db, "UPDATE runs SET status = 'running', pid = ?2, ended_ms = 0, "
                                            "summary_json = '' WHERE id = ?1 AND status = ?3");
        update.bind(1, runId).bind(2, std::int64_t{::getpid()}).bind(3, toString(before->status)).run();
        if (m_impl->db->changes() == 0) // another process took it up in between
            throw std::invalid_argument("run " + std::to_string(runId) + " is being resumed elsewhere");
    }
    addEvent(runId, {.tsMs = epochMsNow(),
                     .kind = EventKind::Resumed,
                     .message = "resumed after " + std::string(toString(before->status))});
    return *before;
}

void RunStore::append(std::int64_t runId, const Interval& interval) {
    m_impl->requireWriter().append(runId, interval);
}

void RunStore::addEvent(std::int64_t runId, const RunEvent& event) {
    m_impl->requireWriter().addEvent(runId, event);
}

void RunStore::appendProfile(std::int64_t runId, std::int64_t startMs, std::int64_t endMs,
                             const std::string& source, const Profile& profile) {
    run_store_profiles::checkSlice(startMs, endMs, source);
    m_impl->requireWriter().appendProfile(runId, startMs, endMs, source, profile);
}

void RunStore::flush() {
    m_impl->requireWriter().flush();
}

void RunStore::finishRun(std::int64_t runId, RunStatus status, const std::string& summaryJson,
                         std::optional<std::int64_t> endedMs) {
    std::optional<StoreError> writeError;
    try {
        m_impl->requireWriter().closeRun(runId);
    } catch (const StoreError& error) {
        writeError = error; // the status is still worth recording; the error is rethrown below
    }
    {
        std::lock_guard lock(m_impl->mutex);
        SqliteStatement update(*m_impl->db,
                               "UPDATE runs SET status = ?2, ended_ms = ?3, summary_json = ?4 WHERE id = ?1");
        update.bind(1, runId)
            .bind(2, toString(status))
            .bind(3, endedMs.value_or(epochMsNow()))
            .bind(4, summaryJson)
            .run();
        if (m_impl->db->changes() == 0)
            throw StoreError("no run " + std::to_string(runId) + " in " + m_impl->path.string());
    }
    if (writeError)
        throw *writeError;
}

std::vector<RunInfo> RunStore::runs() const {
    std::lock_guard lock(m_impl->mutex);
    SqliteStatement select(*m_impl->db, (std::string(kSelectRuns) + " ORDER BY id").c_str());
    std::vector<RunInfo> result;
    while (select.step())
        result.push_back(seenAsItIs(readRun(select, m_impl->path), select, m_impl->host));
    return result;
}

std::optional<RunInfo> RunStore::run(std::int64_t runId) const {
    std::lock_guard lock(m_impl->mutex);
    SqliteStatement select(*m_impl->db, (std::string(kSelectRuns) + " WHERE id = ?1").c_str());
    select.bind(1, runId);
    if (!select.step())
        return std::nullopt;
    return seenAsItIs(readRun(select, m_impl->path), select, m_impl->host);
}

std::vector<IntervalRow> RunStore::intervals(std::int64_t runId, std::int64_t afterStartMs) const {
    std::lock_guard lock(m_impl->mutex);
    SqliteStatement select(*m_impl->db, run_store_rows::selectIntervalsSql().c_str());
    select.bind(1, runId).bind(2, afterStartMs).bind(3, INT64_MAX);
    std::vector<IntervalRow> rows;
    while (select.step())
        rows.push_back(run_store_rows::readInterval(select));
    return rows;
}

std::vector<Rollup> RunStore::rollups(std::int64_t runId, std::int64_t tierMs, std::int64_t fromMs,
                                      std::int64_t toMs) const {
    std::lock_guard lock(m_impl->mutex);
    SqliteStatement select(*m_impl->db, run_store_rows::selectRollupsSql().c_str());
    select.bind(1, runId).bind(2, tierMs).bind(3, fromMs).bind(4, toMs);
    std::vector<Rollup> result;
    while (select.step())
        result.push_back(run_store_rows::readRollup(*m_impl->db, select));
    return result;
}

ChartSeries RunStore::chartSeries(std::int64_t runId, std::int64_t fromMs, std::int64_t toMs,
                                  std::size_t maxPoints) const {
    if (toMs <= fromMs || maxPoints == 0)
        return {};
    const auto points = static_cast<std::int64_t>(maxPoints);
    const std::int64_t wanted = (toMs - fromMs + points - 1) / points;
    const std::int64_t source = wanted >= kHourTierMs     ? kHourTierMs
                                : wanted >= kMinuteTierMs ? kMinuteTierMs
                                                          : 1000;
    const std::int64_t origin = tierStart(fromMs, source);
    const std::int64_t width = (toMs - origin + points - 1) / points;
    ChartSeriesBuilder builder(origin, (width + source - 1) / source * source, source);

    std::lock_guard lock(m_impl->mutex);
    std::int64_t covered = origin; // seconds from here on are not in a rollup (a live or crashed run's tail)
    if (source > 1000) {
        SqliteStatement rollups(*m_impl->db, run_store_rows::selectRollupsSql().c_str());
        rollups.bind(1, runId).bind(2, source).bind(3, origin).bind(4, toMs);
        std::array<Envelope, kChartFigureCount> figures;
        while (rollups.step()) {
            const auto [startMs, endMs] = run_store_rows::readEnvelopes(rollups, figures);
            builder.add(startMs, endMs, figures);
            covered = endMs;
        }
    }
    SqliteStatement select(*m_impl->db, run_store_rows::selectIntervalsSql().c_str());
    select.bind(1, runId).bind(2, covered - 1).bind(3, toMs);
    while (select.step())
        builder.add(run_store_rows::readInterval(select));
    return builder.take();
}

std::vector<RunEvent> RunStore::events(std::int64_t runId) const {
    std::lock_guard lock(m_impl->mutex);
    SqliteStatement select(*m_impl->db,
                           "SELECT ts_ms, kind, message FROM events WHERE run_id = ?1 ORDER BY ts_ms, id");
    select.bind(1, runId);
    std::vector<RunEvent> events;
    while (select.step())
        events.push_back({.tsMs = select.integer(0),
                          .kind = readName<EventKind>(select.text(1), m_impl->path),
                          .message = select.text(2)});
    return events;
}

std::vector<StoredHistogram> RunStore::histograms(std::int64_t runId) const {
    std::lock_guard lock(m_impl->mutex);
    SqliteStatement select(*m_impl->db,
                           "SELECT start_ms, latency, service_time FROM histograms WHERE run_id = ?1 "
                           "ORDER BY start_ms");
    select.bind(1, runId);
    std::vector<StoredHistogram> histograms;
    while (select.step()) {
        const std::int64_t startMs = select.integer(0);
        auto [latency, serviceTime] = run_store_rows::readHistograms(*m_impl->db, select, 1, runId, startMs);
        histograms.push_back(
            {.startMs = startMs, .latency = std::move(latency), .serviceTime = std::move(serviceTime)});
    }
    return histograms;
}

Profile RunStore::profile(std::int64_t runId, std::int64_t fromMs, std::int64_t toMs) const {
    std::lock_guard lock(m_impl->mutex);
    return run_store_profiles::readProfile(*m_impl->db, runId, fromMs, toMs);
}

std::vector<ProfileSliceInfo> RunStore::profileSlices(std::int64_t runId) const {
    std::lock_guard lock(m_impl->mutex);
    return run_store_profiles::readSlices(*m_impl->db, runId);
}

std::filesystem::path defaultStorePath() {
    const char* dataHome = std::getenv("XDG_DATA_HOME");
    // The XDG spec says relative values are to be ignored.
    if (dataHome && dataHome[0] == '/')
        return std::filesystem::path(dataHome) / "perflab" / "perflab.db";
    const char* home = std::getenv("HOME");
    std::filesystem::path homeDir;
    if (home && home[0] != '\0')
        homeDir = home;
    else if (const passwd* entry = ::getpwuid(::getuid()))
        homeDir = entry->pw_dir;
    else
        homeDir = std::filesystem::current_path();
    return homeDir / ".local" / "share" / "perflab" / "perflab.db";
}

} // namespace perflab
