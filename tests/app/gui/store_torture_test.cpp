// The run store under torture. Several `perflab run` processes write one store file at once (short runs of an
// in-process engine and of its HTTP server on 127.0.0.1, one with seconds of zero users (a workload of none
// at all is refused), one profiled, one paced soak), random ones are SIGKILLed, while the window's own store
// service and run session read the same file as the app does (the history with summaries and verdicts, a
// followed run's seconds, chart windows, comparisons, profiles) and rename, delete and mark runs as baseline.
// It checks that no process and no read ever reported a malformed or corrupt store, that PRAGMA
// integrity_check is ok at the end, that no stored second was lost (every finished run has contiguous seconds
// from its start to its end; a killed run reads as interrupted, its seconds contiguous from its start to
// where it ended), that the dashboard received every second of the runs it followed, and that the window
// never went blind: no history asked for over 3 s after a run started missed it (how late each run was
// listed, the reads' own length included, is printed).
//
// CTest runs the CI form: a minute of runs. The long form takes its length in seconds from the environment:
//   PERFLAB_TORTURE_SECONDS=600 QT_QPA_PLATFORM=offscreen build/bin/app_gui_tests "[torture]"
// PERFLAB_TORTURE_SEED repeats a run's random choices (the seed is printed at the end).
#include "model/store/run_store.h"
#include "tests/app/gui/run_processes.h"
#include "tests/app/gui/window_reader.h"

#include <catch2/catch.hpp>

#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

#include <array>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>

using namespace perflab;
using Clock = std::chrono::steady_clock;

namespace {

constexpr std::size_t kConcurrentRuns = 4;
// A run registers a moment after its start time: allow its INSERT a wait for the write lock.
constexpr std::int64_t kRegisteredWithinMs = 3000;

int tortureSeconds() {
    const char* text = std::getenv("PERFLAB_TORTURE_SECONDS");
    return text && std::atoi(text) > 0 ? std::atoi(text) : 60;
}

std::uint32_t tortureSeed() {
    const char* text = std::getenv("PERFLAB_TORTURE_SEED");
    return text ? static_cast<std::uint32_t>(std::strtoul(text, nullptr, 10))
                : static_cast<std::uint32_t>(Clock::now().time_since_epoch().count());
}

// The runs the processes make: a cheap engine, so that four at once leave the machine to the store.
std::vector<std::filesystem::path> writeScenarios(const std::filesystem::path& folder) {
    struct Run {
        const char* name;
        const char* kind;
        const char* via;
        const char* rest; // the workload and what else the run has
    };
    constexpr std::array<Run, 5> runs = {{
        {"steady", "load", "call", R"("workload": {"model": "arrival-rate", "threads": 1,
            "stages": [{"duration": "3s", "target": 100}]})"},
        {"idle seconds", "load", "call", R"("workload": {"model": "virtual-users", "threads": 1,
            "stages": [{"duration": "2s", "target": 0}, {"duration": "1s", "target": 1}]})"},
        {"profiled", "load", "call", R"("profile": {"hz": 99}, "workload": {"model": "arrival-rate",
            "threads": 1, "stages": [{"duration": "4s", "target": 50}]})"},
        {"over http", "load", "http", R"("workload": {"model": "arrival-rate", "threads": 1,
            "stages": [{"duration": "3s", "target": 100}]})"},
        {"paced soak", "soak", "call", R"("workload": {"model": "virtual-users", "threads": 1,
            "pacing": "20ms", "stages": [{"duration": "8s", "target": 2}]})"},
    }};
    std::vector<std::filesystem::path> files;
    for (const Run& run : runs) {
        files.push_back(folder / (std::string(run.name) + ".json"));
        std::ofstream(files.back()) << R"({"name": ")" << run.name << R"(", "kind": ")" << run.kind
                                    << R"(", "target": {"engine": "orchestrator", "variant": "optimized", )"
                                    << R"("via": ")" << run.via << R"("}, )" << run.rest << "}";
    }
    return files;
}

std::string integrityOf(const std::filesystem::path& file) {
    sqlite3* db = nullptr;
    std::string result = "cannot open";
    if (sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
        sqlite3_stmt* check = nullptr;
        if (sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &check, nullptr) == SQLITE_OK &&
            sqlite3_step(check) == SQLITE_ROW)
            result = reinterpret_cast<const char*>(sqlite3_column_text(check, 0));
        else
            result = sqlite3_errmsg(db);
        sqlite3_finalize(check);
    }
    sqlite3_close(db);
    return result;
}

bool speaksOfDamage(const std::string& text) {
    for (const char* words : {"malformed", "corrupt", "lost data", "not a database"})
        if (text.find(words) != std::string::npos)
            return true;
    return false;
}

// The process that ran `run`, if the test started it.
const test::RunProcess* processOf(const test::RunProcesses& processes, const RunInfo& run) {
    for (const test::RunProcess& process : processes.all())
        if (process.pid == run.pid)
            return &process;
    return nullptr;
}

// Each second starts where the one before ended (1 ms apart at most: the clock rounds).
void checkContiguous(const RunInfo& run, const std::vector<IntervalRow>& rows) {
    INFO("run " << run.id << " (" << run.name << ")");
    for (std::size_t i = 1; i < rows.size(); ++i)
        CHECK(std::abs(rows[i].startMs - (rows[i - 1].startMs + rows[i - 1].durationMs)) <= 1);
    if (!rows.empty())
        CHECK(rows.front().startMs - run.startedMs < 1000);
}

void checkStoredRuns(const std::filesystem::path& file, const test::RunProcesses& processes) {
    const RunStore store(file, RunStore::Mode::ReadOnly);
    for (const RunInfo& run : store.runs()) {
        const std::vector<IntervalRow> rows = store.intervals(run.id);
        checkContiguous(run, rows);
        const test::RunProcess* process = processOf(processes, run);
        REQUIRE(process);
        const std::int64_t lastEnd =
            rows.empty() ? run.startedMs : rows.back().startMs + rows.back().durationMs;
        INFO("run " << run.id << " (" << run.name << "), status " << toString(run.status));
        if (run.status == RunStatus::Interrupted) { // killed before it recorded its end
            CHECK((process->killed && !process->exitCode));
            CHECK(run.endedMs == lastEnd);
        } else {
            CHECK((run.status == RunStatus::Passed || run.status == RunStatus::Failed));
            REQUIRE_FALSE(rows.empty());
            CHECK(run.endedMs - lastEnd >= 0);
            CHECK(run.endedMs - lastEnd < 1000);
        }
    }
}

void checkProcesses(const test::RunProcesses& processes) {
    for (const test::RunProcess& process : processes.all()) {
        const std::string errors = test::fileText(process.errorOutput);
        INFO("process " << process.pid << ": " << errors);
        CHECK_FALSE(speaksOfDamage(errors));
        if (process.exitCode) // 1: the runs fail the default SLOs, which they are not made to meet
            CHECK((*process.exitCode == 0 || *process.exitCode == 1));
    }
}

void checkWindow(const test::WindowReader& window, const std::filesystem::path& file) {
    for (const QString& error : window.unexpectedErrors()) {
        INFO(error.toStdString());
        CHECK_FALSE(speaksOfDamage(error.toStdString()));
    }
    CHECK(window.unexpectedErrors().empty());
    std::int64_t latestMiss = 0;
    for (const auto& [id, missedMs] : window.missedAfterMs())
        latestMiss = std::max(latestMiss, missedMs);
    CHECK(latestMiss <= kRegisteredWithinMs);
    std::int64_t slowest = 0;
    for (const auto& [id, listedMs] : window.listedAfterMs())
        slowest = std::max(slowest, listedMs);
    const RunStore store(file, RunStore::Mode::ReadOnly);
    for (const RunInfo& run : store.runs())
        CHECK(window.listedAfterMs().contains(run.id));
    for (const auto& [id, shown] : window.followedToEnd()) {
        std::vector<std::int64_t> stored;
        for (const IntervalRow& row : store.intervals(id))
            stored.push_back(row.startMs);
        INFO("the dashboard's seconds of run " << id);
        if (store.run(id)) // not deleted since
            CHECK(shown == stored);
    }
    std::cout << "store torture: each run listed at most " << slowest << " ms after its start, missed by no "
              << "history asked for over " << latestMiss << " ms after it, " << window.followedToEnd().size()
              << " runs followed to their end";
    for (const auto& [what, count] : window.counts())
        std::cout << ", " << count << " " << what.toStdString();
    std::cout << '\n';
}

} // namespace

TEST_CASE(
    "runs written, killed, renamed, deleted and read at once leave a sound store that lost no second, and "
    "the window never goes blind",
    "[.][torture]") {
    QTemporaryDir dir;
    REQUIRE(dir.isValid());
    const std::filesystem::path folder = dir.path().toStdString();
    const std::filesystem::path file = folder / "runs.db";
    const std::vector<std::filesystem::path> scenarios = writeScenarios(folder);
    const std::uint32_t seed = tortureSeed();
    std::mt19937 random(seed);
    test::RunProcesses processes(PERFLAB_EXECUTABLE, folder);
    test::WindowReader window(file, seed);

    const auto end = Clock::now() + std::chrono::seconds(tortureSeconds());
    for (int tick = 0; Clock::now() < end; ++tick) {
        processes.reap();
        while (processes.running() < kConcurrentRuns)
            processes.start(scenarios[random() % scenarios.size()], file);
        if (random() % 8 == 0)
            processes.killOne(random, std::chrono::milliseconds(300 + random() % 2000));
        window.refreshHistory();
        if (tick % 2 == 0)
            window.act();
        QTest::qWait(250);
    }
    REQUIRE(processes.waitAll(Clock::now() + std::chrono::seconds(60)));
    // The last runs' ends: the session sees them, then one more history lists the final state.
    REQUIRE(QTest::qWaitFor([&] { return window.isIdle(); }, 20'000));
    window.refreshHistory();
    REQUIRE(QTest::qWaitFor([&] { return window.isIdle(); }, 20'000));

    std::size_t killed = 0;
    for (const test::RunProcess& process : processes.all())
        killed += process.killed && !process.exitCode ? 1 : 0;
    std::cout << "store torture (seed " << seed << "): " << processes.all().size() << " run processes, "
              << killed << " killed\n";
    checkProcesses(processes);
    CHECK(integrityOf(file) == "ok");
    checkStoredRuns(file, processes);
    checkWindow(window, file);
}
