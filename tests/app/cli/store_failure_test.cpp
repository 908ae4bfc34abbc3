// perflab run when its store fails under it: a full disk, a read-only store, a SIGKILL mid-run. Real
// filesystems (a small tmpfs and a read-only bind mount in a private mount namespace), a real process.
#include "model/results/summary.h"
#include "model/store/run_store.h"
#include "tests/app/process.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <filesystem>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

using perflab::EventKind;
using perflab::RunStatus;
using perflab::RunStore;
using perflab::TestKind;
using perflab::test::LoopbackListener;
using perflab::test::runPerflab;
using perflab::test::TempDir;
using Clock = std::chrono::steady_clock;

namespace {

// A soak against a target that accepts connections and never answers: one row per second, no SLOs.
std::string soak(const LoopbackListener& target) {
    return R"({"name": "store failure", "kind": "soak", "target": {"url": "http://127.0.0.1:)" +
           std::to_string(target.port()) +
           R"(/"}, "workload": {"model": "virtual-users", "threads": 1, "stages": [{"duration": "60s",
           "target": 1}]}, "slo": {"p95_ms": 100000}})";
}

// The first value `sql` selects from the file, read with SQLite alone (not through the store).
std::string firstValue(const std::filesystem::path& file, const char* sql) {
    sqlite3* db = nullptr;
    std::string result = "cannot open";
    if (sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
        sqlite3_stmt* select = nullptr;
        if (sqlite3_prepare_v2(db, sql, -1, &select, nullptr) == SQLITE_OK &&
            sqlite3_step(select) == SQLITE_ROW)
            result = reinterpret_cast<const char*>(sqlite3_column_text(select, 0));
        sqlite3_finalize(select);
    }
    sqlite3_close(db);
    return result;
}

std::string integrityOf(const std::filesystem::path& file) {
    return firstValue(file, "PRAGMA integrity_check");
}

// Runs perflab inside a private user and mount namespace after `mountCommands`; the store's files are copied
// to after/ before the namespace (and its tmpfs) goes away.
perflab::test::ProcessResult runMounted(const TempDir& dir, const std::string& mountCommands,
                                        const std::string& arguments) {
    dir.write("mounted.sh",
              "set -e\n" + mountCommands +
                  "\nset +e\n\"$@\"\nrc=$?\nmkdir -p after && cp store/* after/ 2>/dev/null\nexit $rc\n");
    return runPerflab(arguments, dir, "timeout 60 unshare --user --map-root-user --mount sh mounted.sh");
}

// Starts `perflab run` on the scenario and SIGKILLs it at a random point of its fourth second; returns
// the wall-clock time of the kill.
std::chrono::system_clock::time_point killInFourthSecond(const std::filesystem::path& scenario,
                                                         const std::filesystem::path& file) {
    const pid_t child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        ::execl(PERFLAB_BINARY_DIR "/bin/perflab", "perflab", "run", scenario.c_str(), "--db", file.c_str(),
                "--metrics", "off", "--quiet", nullptr);
        ::_exit(127);
    }
    std::size_t rows = 0;
    const auto deadline = Clock::now() + std::chrono::seconds(30);
    while (rows < 3 && Clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        try {
            const RunStore reader(file, RunStore::Mode::ReadOnly);
            const auto runs = reader.runs();
            rows = runs.empty() ? 0 : reader.intervals(runs[0].id).size();
        } catch (const perflab::StoreError&) {
            // not created yet, or its schema not committed yet: look again
        }
    }
    REQUIRE(rows >= 3);
    std::this_thread::sleep_for(std::chrono::milliseconds(300 + std::rand() % 600));
    const auto killedAt = std::chrono::system_clock::now();
    ::kill(child, SIGKILL);
    int status = 0;
    REQUIRE(::waitpid(child, &status, 0) == child);
    REQUIRE(WIFSIGNALED(status));
    return killedAt;
}

} // namespace

TEST_CASE("a full disk stops the run at once with exit 3 and a clear error, and the store stays sound") {
    TempDir dir;
    LoopbackListener target;
    dir.write("s.json", soak(target));
    const auto started = Clock::now();
    const auto run = runMounted(dir, "mkdir -p store && mount -t tmpfs -o size=448k tmpfs store",
                                "run s.json --db store/perflab.db --metrics off --quiet");
    INFO(run.err);
    CHECK(run.exitCode == 3);
    CHECK(run.err.find("database or disk is full") != std::string::npos);
    CHECK(run.err.find("store/perflab.db") != std::string::npos);
    CHECK(Clock::now() - started < std::chrono::seconds(40)); // stopped, not run to its end

    const auto copy = dir.path() / "after" / "perflab.db";
    REQUIRE(std::filesystem::exists(copy));
    CHECK(integrityOf(copy) == "ok");
    RunStore store(copy);
    REQUIRE(store.runs().size() == 1);
    CHECK(store.runs()[0].status == RunStatus::Interrupted);
    CHECK(store.intervals(store.runs()[0].id).size() >= 2);
}

TEST_CASE("a read-only store is refused with exit 3 and a clear error, and is left as it was") {
    TempDir dir;
    std::filesystem::create_directory(dir.path() / "store");
    {
        RunStore store(dir.path() / "store" / "perflab.db");
        const auto id = store.beginRun("kept", TestKind::Load, "{}");
        store.finishRun(id, RunStatus::Passed, "{}");
    }
    const auto before = perflab::test::readFile(dir.path() / "store" / "perflab.db");
    LoopbackListener target;
    dir.write("s.json", soak(target));
    const auto run = runMounted(dir, "mount --bind store store && mount -o remount,bind,ro store",
                                "run s.json --db store/perflab.db --metrics off --quiet");
    INFO(run.err);
    CHECK(run.exitCode == 3);
    CHECK(run.err.find("store/perflab.db") != std::string::npos);
    CHECK(run.err.find("is read-only") != std::string::npos);
    CHECK(run.err.find("Read-only file system") != std::string::npos); // the OS's words
    CHECK(perflab::test::readFile(dir.path() / "store" / "perflab.db") == before);
    RunStore store(dir.path() / "store" / "perflab.db", RunStore::Mode::ReadOnly);
    REQUIRE(store.runs().size() == 1);
    CHECK(store.runs()[0].name == "kept");
}

TEST_CASE(
    "SIGKILL mid-run loses at most the second in progress, and the next start marks the run interrupted") {
    TempDir dir;
    LoopbackListener target;
    const auto file = dir.path() / "perflab.db";
    const auto killedAt = killInFourthSecond(dir.write("s.json", soak(target)), file);

    CHECK(integrityOf(file) == "ok");
    RunStore store(file);
    const auto runs = store.runs();
    REQUIRE(runs.size() == 1);
    CHECK(runs[0].status == RunStatus::Interrupted);
    const auto intervals = store.intervals(runs[0].id);
    REQUIRE(!intervals.empty());
    const auto killedMs =
        std::chrono::duration_cast<std::chrono::milliseconds>(killedAt.time_since_epoch()).count();
    const auto lostMs = killedMs - (intervals.back().startMs + intervals.back().durationMs);
    CHECK(lostMs >= 0);
    CHECK(lostMs <= 1100); // the second in progress, and the commit of the one before
    CHECK(runs[0].endedMs == intervals.back().startMs + intervals.back().durationMs);
}

TEST_CASE("after a SIGKILL every reader sees the run interrupted, with the duration of its stored seconds, "
          "before any writer opens the store") {
    TempDir dir;
    LoopbackListener target;
    const auto file = dir.path() / "perflab.db";
    killInFourthSecond(dir.write("s.json", soak(target)), file);
    const auto rows = RunStore(file, RunStore::Mode::ReadOnly).intervals(1);
    REQUIRE(!rows.empty());
    const double storedS =
        static_cast<double>(rows.back().startMs + rows.back().durationMs - rows.front().startMs) / 1000;

    const auto runs = runPerflab("runs --json --db perflab.db", dir);
    INFO(runs.err);
    REQUIRE(runs.exitCode == 0);
    const auto listed = nlohmann::json::parse(runs.out).at(0);
    CHECK(listed["status"] == "interrupted");
    CHECK(listed["duration_s"].get<double>() ==
          Approx(storedS).margin(1.0));            // from its start to its last second
    CHECK(listed["duration_s"].get<double>() > 2); // three stored seconds, the first one partial

    const auto table = runPerflab("runs --db perflab.db", dir);
    CHECK(table.out.find("interrupted") != std::string::npos);
    CHECK(table.out.find("running") == std::string::npos);
    const auto stored = RunStore(file, RunStore::Mode::ReadOnly).run(1);
    REQUIRE(stored);
    CHECK(stored->status == perflab::RunStatus::Interrupted);
    CHECK(stored->endedMs == rows.back().startMs + rows.back().durationMs);
    // Nothing was written: the file still says running until a writer marks it.
    CHECK(firstValue(file, "SELECT status FROM runs WHERE id = 1") == "running");
}

TEST_CASE("perflab run --resume continues a killed soak in the same run for what its plan has left") {
    TempDir dir;
    const auto file = dir.path() / "perflab.db";
    dir.write("s.json", R"({"name": "resumed soak", "kind": "soak",
        "target": {"engine": "analytics", "variant": "optimized", "via": "call"},
        "workload": {"model": "virtual-users", "threads": 1, "stages": [{"duration": "7s", "target": 1}]},
        "slo": {"p95_ms": 100000, "min_successful_requests": 1}})");
    killInFourthSecond(dir.path() / "s.json", file);
    const auto before = RunStore(file, RunStore::Mode::ReadOnly).intervals(1);

    const auto resumed =
        runPerflab("run --resume 1 --db perflab.db --metrics off --summary-json summary.json", dir);
    INFO(resumed.err);
    REQUIRE(resumed.exitCode == 0);
    const auto summary = perflab::summaryFromJson(perflab::test::readFile(dir.path() / "summary.json"));
    CHECK(summary.runId == 1);
    CHECK(summary.status == RunStatus::Passed);
    CHECK(summary.durationS == Approx(7.0).margin(0.6)); // both parts, not the downtime between them

    RunStore store(file, RunStore::Mode::ReadOnly);
    REQUIRE(store.runs().size() == 1);
    CHECK(store.runs()[0].status == RunStatus::Passed);
    const auto after = store.intervals(1);
    REQUIRE(after.size() > before.size());
    for (std::size_t i = 0; i < before.size(); ++i)
        CHECK(after[i].startMs == before[i].startMs); // the earlier seconds are kept as they were
    const auto events = store.events(1);
    CHECK(std::any_of(events.begin(), events.end(),
                      [](const auto& e) { return e.kind == EventKind::Resumed; }));

    const auto again = runPerflab("run --resume 1 --db perflab.db --metrics off", dir);
    CHECK(again.exitCode == 2);
    CHECK_THAT(again.err,
               Catch::Contains("run 1 is passed") && Catch::Contains("interrupted, stopped or aborted"));
    const auto missing = runPerflab("run --resume 9 --db perflab.db --metrics off", dir);
    CHECK(missing.exitCode == 2);
    CHECK_THAT(missing.err, Catch::Contains("no run 9"));
}
