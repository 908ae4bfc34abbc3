// Tests of model/store/run_store.h on temporary SQLite files: round trips, WAL readers, recovery, errors.
#include "model/store/run_store.h"
#include "model/store/sqlite_db.h"
#include "tests/model/store_fixture.h"

#include <catch2/catch.hpp>
#include <sqlite3.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <optional>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

using namespace perflab;
using perflab::test::StoreDir;

namespace {

constexpr std::int64_t kT0 = 1'700'000'000'000; // a multiple of the 10 s histogram window

Interval makeInterval(int second) {
    Interval interval;
    interval.startMs = kT0 + second * 1000;
    interval.counts.requests = 100 + static_cast<std::uint64_t>(second);
    interval.counts.errors = static_cast<std::uint64_t>(second % 3);
    interval.counts.errorsByKind[static_cast<std::size_t>(ErrorKind::Timeout)] = interval.counts.errors;
    interval.counts.errorsByKind[static_cast<std::size_t>(ErrorKind::Status5xx)] = 7;
    interval.counts.lateSends = static_cast<std::uint64_t>(second);
    interval.counts.droppedSends = 1;
    interval.activeUsers = static_cast<std::uint32_t>(10 + second);
    for (int k = 0; k < 50 + second; ++k) {
        interval.latency.record(1000 + second * 37 + k * 13);
        interval.serviceTime.record(500 + second * 11 + k * 7);
    }
    interval.resources = {.processCpuPercent = 12.5 + second,
                          .processRssBytes =
                              51'200'000u + static_cast<std::uint64_t>(second) * 4096, // whole pages
                          .processMemoryPercent = 0.75,
                          .systemCpuPercent = 33.25,
                          .systemMemoryPercent = 41.5,
                          .memoryTotalBytes = 8'000'000'000u};
    return interval;
}

void requireSameFigures(const LatencyFigures& a, const LatencyFigures& b) {
    REQUIRE(a.mean == Approx(b.mean).margin(1e-6)); // stored to the nanosecond
    REQUIRE(a.p50 == b.p50);
    REQUIRE(a.p90 == b.p90);
    REQUIRE(a.p95 == b.p95);
    REQUIRE(a.p99 == b.p99);
    REQUIRE(a.p999 == b.p999);
    REQUIRE(a.max == b.max);
}

void requireSameRow(const IntervalRow& stored, const IntervalRow& expected) {
    REQUIRE(stored.startMs == expected.startMs);
    REQUIRE(stored.durationMs == expected.durationMs);
    REQUIRE(stored.counts == expected.counts);
    REQUIRE(stored.activeUsers == expected.activeUsers);
    requireSameFigures(stored.latency, expected.latency);
    requireSameFigures(stored.serviceTime, expected.serviceTime);
    REQUIRE(stored.resources.processCpuPercent == expected.resources.processCpuPercent);
    REQUIRE(stored.resources.processRssBytes == expected.resources.processRssBytes);
    REQUIRE(stored.resources.processMemoryPercent == expected.resources.processMemoryPercent);
    REQUIRE(stored.resources.systemCpuPercent == expected.resources.systemCpuPercent);
    REQUIRE(stored.resources.systemMemoryPercent == expected.resources.systemMemoryPercent);
    REQUIRE(stored.resources.memoryTotalBytes == expected.resources.memoryTotalBytes);
}

void requireSameHistogram(const Histogram& stored, const Histogram& expected) {
    REQUIRE(stored.count() == expected.count());
    REQUIRE(stored.min() == expected.min());
    REQUIRE(stored.max() == expected.max());
    REQUIRE(stored.mean() == Approx(expected.mean()));
    for (double p : {1.0, 50.0, 90.0, 99.0, 99.9, 100.0})
        REQUIRE(stored.percentile(p) == expected.percentile(p));
}

std::string storeErrorOf(const std::filesystem::path& file, RunStore::Mode mode) {
    try {
        RunStore store(file, mode);
    } catch (const StoreError& error) {
        return error.what();
    }
    FAIL("expected a StoreError opening " << file);
    return {};
}

} // namespace

TEST_CASE("a finished run reads back its per-second rows, 10-second histograms, events and status") {
    StoreDir dir;
    RunStore store(dir.path() / "perflab.db");
    std::int64_t id =
        store.beginRun("knowledge under load", TestKind::Load, R"({"name":"knowledge under load"})");
    Histogram firstWindow, secondWindow;
    for (int second = 0; second < 12; ++second) {
        Interval interval = makeInterval(second);
        store.append(id, interval);
        (second < 10 ? firstWindow : secondWindow).merge(interval.latency);
    }
    store.addEvent(id, {.tsMs = kT0 + 2000, .kind = EventKind::Stage, .message = "stage 2 of 2"});
    store.addEvent(id, {.tsMs = kT0 + 5000, .kind = EventKind::Fault, .message = "upstream-outage for 30s"});
    store.finishRun(id, RunStatus::Passed, R"({"passed":true})");

    std::vector<IntervalRow> rows = store.intervals(id);
    REQUIRE(rows.size() == 12);
    for (int second = 0; second < 12; ++second)
        requireSameRow(rows[static_cast<std::size_t>(second)], toRow(makeInterval(second)));
    CHECK(store.intervals(id, kT0 + 9000).size() == 2);

    std::vector<StoredHistogram> histograms = store.histograms(id);
    REQUIRE(histograms.size() == 2);
    CHECK(histograms[0].startMs == kT0);
    CHECK(histograms[1].startMs == kT0 + 10'000);
    requireSameHistogram(histograms[0].latency, firstWindow);
    requireSameHistogram(histograms[1].latency, secondWindow);
    CHECK(histograms[1].serviceTime.count() ==
          makeInterval(10).serviceTime.count() + makeInterval(11).serviceTime.count());

    std::vector<RunEvent> events = store.events(id);
    REQUIRE(events.size() == 2);
    CHECK(events[1].tsMs == kT0 + 5000);
    CHECK(events[1].kind == EventKind::Fault);
    CHECK(events[1].message == "upstream-outage for 30s");

    std::vector<RunInfo> runs = store.runs();
    REQUIRE(runs.size() == 1);
    CHECK(runs[0].id == id);
    CHECK(runs[0].name == "knowledge under load");
    CHECK(runs[0].status == RunStatus::Passed);
    CHECK(runs[0].pid == ::getpid());
    CHECK(runs[0].endedMs >= runs[0].startedMs);
    CHECK(runs[0].summaryJson == R"({"passed":true})");
    CHECK(store.run(id)->scenarioJson == R"({"name":"knowledge under load"})");
    CHECK_FALSE(store.run(id + 1));
    CHECK_THROWS_AS(store.finishRun(id + 1, RunStatus::Passed, "{}"), StoreError);
}

TEST_CASE("a run on its own clock keeps the start and end it was given, so its duration is right") {
    StoreDir dir;
    RunStore store(dir.path() / "perflab.db");
    const std::int64_t id = store.beginRun("compressed soak", TestKind::Soak, "{}", kT0);
    store.append(id, makeInterval(0));
    store.finishRun(id, RunStatus::Passed, "{}", kT0 + 72LL * 3600 * 1000);
    const auto run = store.run(id);
    REQUIRE(run);
    CHECK(run->startedMs == kT0);
    CHECK(run->endedMs - run->startedMs == 72LL * 3600 * 1000);
}

TEST_CASE("a read-only store sees rows the writer committed while the writer is still open") {
    StoreDir dir;
    RunStore writer(dir.path() / "perflab.db");
    std::int64_t id = writer.beginRun("soak", TestKind::Soak, "{}");
    for (int second = 0; second < 3; ++second)
        writer.append(id, makeInterval(second));
    writer.flush();

    RunStore reader(dir.path() / "perflab.db", RunStore::Mode::ReadOnly);
    REQUIRE(reader.runs().size() == 1);
    CHECK(reader.runs()[0].status == RunStatus::Running);
    CHECK(reader.intervals(id).size() == 3);
    CHECK_THROWS_AS(reader.beginRun("x", TestKind::Load, "{}"), StoreError);

    // Without a flush, the writer's once-a-second commit makes the row visible.
    writer.append(id, makeInterval(3));
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (reader.intervals(id, kT0 + 2000).empty() && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    REQUIRE(reader.intervals(id, kT0 + 2000).size() == 1);
    CHECK(reader.intervals(id, kT0 + 2000)[0].counts.requests == 103);
}

TEST_CASE("a row the writer cannot store surfaces as a StoreError at the next flush, and the store goes on") {
    StoreDir dir;
    RunStore store(dir.path() / "perflab.db");
    std::int64_t id = store.beginRun("ok", TestKind::Load, "{}");
    store.append(id + 1, makeInterval(0)); // no such run: the foreign key refuses the row
    try {
        store.flush();
        FAIL("expected a StoreError");
    } catch (const StoreError& error) {
        std::string message = error.what();
        CHECK(message.find((dir.path() / "perflab.db").string()) != std::string::npos);
        CHECK(message.find("FOREIGN KEY constraint failed") != std::string::npos);
    }
    store.append(id, makeInterval(1));
    store.flush();
    CHECK(store.intervals(id).size() == 1);
}

TEST_CASE("a run left running by a process that died is marked interrupted when the store is reopened") {
    StoreDir dir;
    std::filesystem::path file = dir.path() / "perflab.db";
    pid_t child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        // The child starts a run and dies without finishing it, as a killed `perflab run` would.
        try {
            RunStore store(file);
            std::int64_t id = store.beginRun("crashes", TestKind::Soak, "{}");
            store.append(id, makeInterval(0));
            store.append(id, makeInterval(1));
            store.flush();
            ::_exit(0);
        } catch (const std::exception&) {
            ::_exit(1);
        }
    }
    int status = 0;
    REQUIRE(::waitpid(child, &status, 0) == child);
    REQUIRE(WIFEXITED(status));
    REQUIRE(WEXITSTATUS(status) == 0);

    RunStore store(file);
    std::int64_t live = store.beginRun("still running", TestKind::Load, "{}");
    std::vector<RunInfo> runs = store.runs();
    REQUIRE(runs.size() == 2);
    CHECK(runs[0].pid == child);
    CHECK(runs[0].status == RunStatus::Interrupted);
    CHECK(runs[0].endedMs == kT0 + 2000);

    RunStore reopened(file);
    CHECK(reopened.run(live)->status == RunStatus::Running);
}

TEST_CASE("opening a store creates its folder, and a place that cannot hold one gives an error naming it") {
    StoreDir dir;
    std::filesystem::path nested = dir.path() / "a" / "b" / "perflab.db";
    RunStore{nested};
    CHECK(std::filesystem::is_regular_file(nested));

    std::ofstream(dir.path() / "file.txt") << "a regular file";
    std::filesystem::path underFile = dir.path() / "file.txt" / "perflab.db";
    std::string message = storeErrorOf(underFile, RunStore::Mode::ReadWrite);
    CHECK(message.find((dir.path() / "file.txt").string()) != std::string::npos);
    CHECK(message.find("Not a directory") != std::string::npos);

    std::filesystem::path missing = dir.path() / "missing.db";
    CHECK(storeErrorOf(missing, RunStore::Mode::ReadOnly).find(missing.string()) != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(missing));

    std::filesystem::path garbage = dir.path() / "garbage.db";
    std::ofstream(garbage) << std::string(4096, 'x');
    message = storeErrorOf(garbage, RunStore::Mode::ReadWrite);
    CHECK(message.find(garbage.string()) != std::string::npos);
    CHECK(message.find("not a database") != std::string::npos);
}

TEST_CASE("the default store lives under XDG_DATA_HOME, else under HOME/.local/share") {
    auto saved = [](const char* name) -> std::optional<std::string> {
        const char* value = std::getenv(name);
        return value ? std::optional<std::string>(value) : std::nullopt;
    };
    auto restore = [](const char* name, const std::optional<std::string>& value) {
        if (value)
            ::setenv(name, value->c_str(), 1);
        else
            ::unsetenv(name);
    };
    std::optional<std::string> xdg = saved("XDG_DATA_HOME");
    std::optional<std::string> home = saved("HOME");
    ::setenv("XDG_DATA_HOME", "/data/xdg", 1);
    ::setenv("HOME", "/home/tester", 1);
    CHECK(defaultStorePath() == "/data/xdg/perflab/perflab.db");
    ::unsetenv("XDG_DATA_HOME");
    CHECK(defaultStorePath() == "/home/tester/.local/share/perflab/perflab.db");
    restore("XDG_DATA_HOME", xdg);
    restore("HOME", home);
}

TEST_CASE("the store keeps kinds and statuses by name, and a name it does not know is an error naming it") {
    StoreDir dir;
    const std::filesystem::path file = dir.path() / "perflab.db";
    std::int64_t id = 0;
    {
        RunStore store(file);
        id = store.beginRun("named", TestKind::DependencyFailure, "{}", kT0);
        store.addEvent(id, {.tsMs = kT0, .kind = EventKind::SloBreach, .message = "p95_ms: 180 > 100"});
        store.finishRun(id, RunStatus::Aborted, "{}", kT0 + 1000);
    }
    {
        SqliteDb db(file, SQLITE_OPEN_READWRITE);
        SqliteStatement run(db, "SELECT kind, status FROM runs");
        REQUIRE(run.step());
        CHECK(run.text(0) == "dependency-failure");
        CHECK(run.text(1) == "aborted");
        SqliteStatement event(db, "SELECT kind FROM events");
        REQUIRE(event.step());
        CHECK(event.text(0) == "slo-breach");
        db.exec("UPDATE runs SET status = 'paused'; UPDATE events SET kind = 'meteor'");
    }
    const RunStore store(file, RunStore::Mode::ReadOnly);
    CHECK_THROWS_AS(store.runs(), StoreError);
    CHECK_THROWS_WITH(store.run(id),
                      Catch::Contains(file.string()) && Catch::Contains("run status \"paused\""));
    CHECK_THROWS_WITH(store.events(id), Catch::Contains("event kind \"meteor\""));
}
