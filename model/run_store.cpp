// RunStore: opens the SQLite file, recovers interrupted runs, starts the writer and answers reads.
#include "model/run_store.h"
#include "model/run_store_schema.h"
#include "model/run_store_writer.h"
#include "model/sqlite_db.h"

#include <sqlite3.h>

#include <chrono>
#include <cstdlib>
#include <mutex>
#include <pwd.h>
#include <system_error>
#include <unistd.h>

namespace perflab {

namespace {

std::int64_t nowMs() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

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

RunInfo readRun(const SqliteStatement& select) {
    return {.id = select.integer(0),
            .name = select.text(1),
            .kind = select.text(2),
            .status = select.text(3),
            .startedMs = select.integer(4),
            .endedMs = select.integer(5),
            .pid = select.integer(6),
            .scenarioJson = select.text(7),
            .summaryJson = select.text(8)};
}

constexpr const char* kSelectRuns =
    "SELECT id, name, kind, status, started_ms, ended_ms, pid, scenario_json, summary_json FROM runs";

} // namespace

struct RunStore::Impl {
    std::filesystem::path path;
    Mode mode;
    std::string host = run_store_schema::hostName();
    mutable std::mutex mutex; // guards db: reads come from any thread (GUI workers, the run)
    std::unique_ptr<SqliteDb> db;
    std::unique_ptr<RunStoreWriter> writer;

    RunStoreWriter& requireWriter() const {
        if (!writer)
            throw StoreError("the store " + path.string() + " is open read-only");
        return *writer;
    }
};

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

std::int64_t RunStore::beginRun(const std::string& name, const std::string& kind,
                                const std::string& scenarioJson, std::optional<std::int64_t> startedMs) {
    m_impl->requireWriter();
    std::lock_guard lock(m_impl->mutex);
    SqliteStatement insert(*m_impl->db,
                           "INSERT INTO runs(name, kind, status, started_ms, pid, host, scenario_json) "
                           "VALUES(?1, ?2, 'running', ?3, ?4, ?5, ?6)");
    insert.bind(1, name).bind(2, kind).bind(3, startedMs.value_or(nowMs())).bind(4, std::int64_t{::getpid()});
    insert.bind(5, m_impl->host).bind(6, scenarioJson).run();
    return m_impl->db->lastInsertId();
}

void RunStore::append(std::int64_t runId, const Interval& interval) {
    m_impl->requireWriter().append(runId, interval);
}

void RunStore::addEvent(std::int64_t runId, const RunEvent& event) {
    m_impl->requireWriter().addEvent(runId, event);
}

void RunStore::flush() {
    m_impl->requireWriter().flush();
}

void RunStore::finishRun(std::int64_t runId, const std::string& status, const std::string& summaryJson,
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
        update.bind(1, runId).bind(2, status).bind(3, endedMs.value_or(nowMs())).bind(4, summaryJson).run();
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
        result.push_back(readRun(select));
    return result;
}

std::optional<RunInfo> RunStore::run(std::int64_t runId) const {
    std::lock_guard lock(m_impl->mutex);
    SqliteStatement select(*m_impl->db, (std::string(kSelectRuns) + " WHERE id = ?1").c_str());
    select.bind(1, runId);
    if (!select.step())
        return std::nullopt;
    return readRun(select);
}

std::vector<IntervalRow> RunStore::intervals(std::int64_t runId, std::int64_t afterStartMs) const {
    std::lock_guard lock(m_impl->mutex);
    SqliteStatement select(*m_impl->db, run_store_schema::kSelectIntervals);
    select.bind(1, runId).bind(2, afterStartMs);
    std::vector<IntervalRow> rows;
    while (select.step())
        rows.push_back(run_store_schema::readInterval(select));
    return rows;
}

std::vector<RunEvent> RunStore::events(std::int64_t runId) const {
    std::lock_guard lock(m_impl->mutex);
    SqliteStatement select(*m_impl->db,
                           "SELECT ts_ms, kind, message FROM events WHERE run_id = ?1 ORDER BY ts_ms, id");
    select.bind(1, runId);
    std::vector<RunEvent> events;
    while (select.step())
        events.push_back({.tsMs = select.integer(0), .kind = select.text(1), .message = select.text(2)});
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
        std::int64_t startMs = select.integer(0);
        try {
            histograms.push_back({.startMs = startMs,
                                  .latency = Histogram::decode(select.blob(1)),
                                  .serviceTime = Histogram::decode(select.blob(2))});
        } catch (const std::runtime_error& error) {
            throw StoreError("damaged histogram of run " + std::to_string(runId) + " at " +
                             std::to_string(startMs) + " ms in " + m_impl->path.string() + ": " +
                             error.what());
        }
    }
    return histograms;
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
