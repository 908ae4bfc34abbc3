// Tests of the store's minute and hour rollups and its bounded chart reads, on compressed-clock runs.
#include "model/store/run_store.h"
#include "tests/model/store_fixture.h"

#include <catch2/catch.hpp>

#include <sqlite3.h>

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>

using namespace perflab;
using perflab::test::StoreDir;

namespace {

constexpr std::int64_t kHour0 = 1'800'000'000'000 - 1'800'000'000'000 % kHourTierMs;

// A second whose figures vary with t, so sums, minima and maxima of any bucket are known.
Interval secondAt(int t) {
    Interval interval;
    interval.startMs = kHour0 + std::int64_t{t} * 1000;
    interval.counts.requests = 100 + static_cast<std::uint64_t>(t % 7);
    interval.counts.errors = t % 60 == 0 ? 1 : 0;
    interval.activeUsers = 10;
    for (int k = 0; k < 5; ++k)
        interval.latency.record(1000 + (t % 97) * 100 + k);
    interval.serviceTime = interval.latency;
    interval.resources.processCpuPercent = 10 + (t % 13);
    interval.resources.processRssBytes = 100'000'000u + static_cast<std::uint64_t>(t) * 1024;
    return interval;
}

std::int64_t storeRun(RunStore& store, int seconds) {
    const std::int64_t id = store.beginRun("tiers", TestKind::Soak, "{}", kHour0);
    for (int t = 0; t < seconds; ++t)
        store.append(id, secondAt(t));
    return id;
}

std::uint64_t requestsBetween(int fromSecond, int toSecond) {
    std::uint64_t sum = 0;
    for (int t = fromSecond; t < toSecond; ++t)
        sum += secondAt(t).counts.requests;
    return sum;
}

} // namespace

TEST_CASE("minutes and hours are merged as seconds arrive and agree with the seconds they hold") {
    StoreDir dir;
    RunStore store(dir.path() / "perflab.db");
    const int seconds = 2 * 3600 + 90;
    const std::int64_t id = storeRun(store, seconds);
    store.finishRun(id, RunStatus::Passed, "{}", kHour0 + seconds * 1000);

    const auto minutes = store.rollups(id, kMinuteTierMs, INT64_MIN, INT64_MAX);
    REQUIRE(minutes.size() == 122);
    CHECK(minutes[5].startMs == kHour0 + 5 * kMinuteTierMs);
    CHECK(minutes[5].seconds == 60);
    CHECK(minutes[5].counts.requests == requestsBetween(300, 360));
    CHECK(minutes[5].counts.errors == 1);
    CHECK(minutes[121].seconds == 30); // the last, partial minute is kept too
    CHECK_FALSE(minutes[5].latency);   // a minute's histograms are its six 10 s windows
    const Envelope& cpu = minutes[5].figures[static_cast<std::size_t>(ChartFigure::ProcessCpu)];
    CHECK(cpu.first == 10 + 300 % 13);
    CHECK(cpu.min == 10);
    CHECK(cpu.max == 22);
    CHECK(cpu.last == 10 + 359 % 13);

    const auto hours = store.rollups(id, kHourTierMs, INT64_MIN, INT64_MAX);
    REQUIRE(hours.size() == 3);
    CHECK(hours[1].counts.requests == requestsBetween(3600, 7200));
    CHECK(hours[2].seconds == 90);
    Histogram merged;
    for (const auto& window : store.histograms(id))
        if (window.startMs >= kHour0 + kHourTierMs && window.startMs < kHour0 + 2 * kHourTierMs)
            merged.merge(window.latency);
    CHECK(hours[1].latency->count() == merged.count());
    CHECK(hours[1].latency->percentile(99) == merged.percentile(99));
}

TEST_CASE("a chart read gives at most N buckets for any range, from the coarsest tier that fills them") {
    StoreDir dir;
    RunStore store(dir.path() / "perflab.db");
    const int seconds = 3 * 3600;
    const std::int64_t id = storeRun(store, seconds);
    store.finishRun(id, RunStatus::Passed, "{}", kHour0 + seconds * 1000);
    const std::int64_t end = kHour0 + seconds * 1000;

    {
        INFO("the whole run reads minutes, and each bucket's envelope is that of its seconds");
        const ChartSeries series = store.chartSeries(id, kHour0, end, 100);
        CHECK(series.sourceMs == kMinuteTierMs);
        REQUIRE(series.buckets.size() <= 100);
        REQUIRE(series.buckets.size() >= 90);
        const ChartBucket& bucket = series.buckets[3];
        const int from = static_cast<int>((bucket.startMs - kHour0) / 1000);
        const int to = from + static_cast<int>(series.bucketMs / 1000);
        double low = 1e9, high = 0;
        for (int t = from; t < to; ++t) {
            low = std::min(low, secondAt(t).latency.max() / 1000.0);
            high = std::max(high, secondAt(t).latency.max() / 1000.0);
        }
        CHECK(bucket[ChartFigure::LatencyMax].min == Approx(low).epsilon(0.001));
        CHECK(bucket[ChartFigure::LatencyMax].max == Approx(high).epsilon(0.001));
        CHECK(bucket[ChartFigure::Throughput].first == secondAt(from).counts.successes());
    }
    {
        INFO("ten minutes read seconds");
        const ChartSeries series = store.chartSeries(id, kHour0 + 600'000, kHour0 + 1'200'000, 1000);
        CHECK(series.sourceMs == 1000);
        CHECK(series.buckets.size() == 600);
        CHECK(series.buckets.front().startMs == kHour0 + 600'000);
    }
    {
        INFO("a range wider than the run reads hours and ends with the run");
        const ChartSeries series =
            store.chartSeries(id, kHour0 - 24 * kHourTierMs, end + 24 * kHourTierMs, 20);
        CHECK(series.sourceMs == kHourTierMs);
        REQUIRE(series.buckets.size() <= 20);
        CHECK(series.buckets.back().endMs == end);
    }
}

TEST_CASE("a run killed mid-minute gets its open minute and hour rebuilt when the store is reopened") {
    StoreDir dir;
    const auto file = dir.path() / "perflab.db";
    const pid_t child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        // Appends 90 s, lets the writer commit them, and dies without closing the run.
        RunStore store(file);
        const std::int64_t id = storeRun(store, 90);
        store.flush();
        store.append(id, secondAt(90));
        ::usleep(1'500'000); // the once-a-second commit, not a flush
        ::_exit(0);
    }
    int status = 0;
    REQUIRE(::waitpid(child, &status, 0) == child);
    REQUIRE(WIFEXITED(status));

    RunStore store(file);
    const auto runs = store.runs();
    REQUIRE(runs.size() == 1);
    CHECK(runs[0].status == RunStatus::Interrupted);
    CHECK(store.intervals(runs[0].id).size() == 91);
    const auto minutes = store.rollups(runs[0].id, kMinuteTierMs, INT64_MIN, INT64_MAX);
    REQUIRE(minutes.size() == 2);
    CHECK(minutes[1].seconds == 31);
    CHECK(minutes[1].counts.requests == requestsBetween(60, 91));
    const auto hours = store.rollups(runs[0].id, kHourTierMs, INT64_MIN, INT64_MAX);
    REQUIRE(hours.size() == 1);
    CHECK(hours[0].counts.requests == requestsBetween(0, 91));
    CHECK(hours[0].latency->count() == 91 * 5);
}

TEST_CASE("a store written by schema version 1 is upgraded in place, its runs readable and rolled up") {
    StoreDir dir;
    const auto file = dir.path() / "perflab.db";
    {
        sqlite3* db = nullptr;
        REQUIRE(sqlite3_open(file.c_str(), &db) == SQLITE_OK);
        const Histogram window = secondAt(0).latency;
        const std::string sql = R"sql(
CREATE TABLE runs(id INTEGER PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL, status TEXT NOT NULL,
    started_ms INTEGER NOT NULL, ended_ms INTEGER NOT NULL DEFAULT 0, pid INTEGER NOT NULL, host TEXT NOT NULL,
    scenario_json TEXT NOT NULL, summary_json TEXT NOT NULL DEFAULT '');
CREATE INDEX runs_by_status ON runs(status);
CREATE TABLE intervals(ts_ms INTEGER NOT NULL, run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    duration_ms INTEGER NOT NULL, requests INTEGER NOT NULL, errors INTEGER NOT NULL,
    err_connect INTEGER NOT NULL, err_timeout INTEGER NOT NULL, err_io INTEGER NOT NULL,
    err_4xx INTEGER NOT NULL, err_5xx INTEGER NOT NULL, err_protocol INTEGER NOT NULL,
    err_engine INTEGER NOT NULL, late_sends INTEGER NOT NULL, dropped_sends INTEGER NOT NULL,
    active_users INTEGER NOT NULL,
    lat_mean REAL, lat_p50 REAL, lat_p90 REAL, lat_p95 REAL, lat_p99 REAL, lat_p999 REAL, lat_max REAL,
    svc_mean REAL, svc_p50 REAL, svc_p90 REAL, svc_p95 REAL, svc_p99 REAL, svc_p999 REAL, svc_max REAL,
    cpu_percent REAL, rss_bytes INTEGER, mem_percent REAL, sys_cpu_percent REAL, sys_mem_percent REAL,
    mem_total_bytes INTEGER, PRIMARY KEY(ts_ms, run_id)) WITHOUT ROWID;
CREATE INDEX intervals_by_run ON intervals(run_id, ts_ms);
CREATE TABLE histograms(start_ms INTEGER NOT NULL,
    run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE, latency BLOB NOT NULL,
    service_time BLOB NOT NULL, PRIMARY KEY(start_ms, run_id)) WITHOUT ROWID;
CREATE INDEX histograms_by_run ON histograms(run_id, start_ms);
CREATE TABLE events(id INTEGER PRIMARY KEY, run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    ts_ms INTEGER NOT NULL, kind TEXT NOT NULL, message TEXT NOT NULL);
CREATE INDEX events_by_run ON events(run_id, ts_ms);
INSERT INTO runs VALUES(1, 'old soak', 'soak', 'passed', 1000, 3000, 1, 'host', '{}', '{"passed":true}');
INSERT INTO intervals VALUES(1000, 1, 1000, 50, 2, 0, 2, 0, 0, 0, 0, 0, 0, 0, 4,
    1.5, 1.2, 2.0, 2.5, 3.125, 4.0, 5.0, 1.5, 1.2, 2.0, 2.5, 3.125, 4.0, 5.0, 12.5, 52428800, 0.5, 30.25,
    41.5, 8589934592);
INSERT INTO intervals VALUES(2000, 1, 1000, 60, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4,
    1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 10, 52428800, 0.5, 30, 40, 8589934592);
INSERT INTO histograms VALUES(0, 1, ?1, ?1);
PRAGMA user_version = 1;
)sql";
        const auto bytes = window.encode();
        const char* tail = sql.c_str();
        while (*tail) {
            sqlite3_stmt* statement = nullptr;
            REQUIRE(sqlite3_prepare_v2(db, tail, -1, &statement, &tail) == SQLITE_OK);
            if (!statement)
                break;
            sqlite3_bind_blob(statement, 1, bytes.data(), static_cast<int>(bytes.size()), SQLITE_STATIC);
            REQUIRE(sqlite3_step(statement) == SQLITE_DONE);
            sqlite3_finalize(statement);
        }
        sqlite3_close(db);
    }

    CHECK_THROWS_WITH(RunStore(file, RunStore::Mode::ReadOnly),
                      Catch::Contains("store schema 1") && Catch::Contains("perflab run"));
    RunStore store(file);
    const auto rows = store.intervals(1);
    REQUIRE(rows.size() == 2);
    CHECK(rows[0].counts.requests == 50);
    CHECK(rows[0].counts.errorsByKind[static_cast<std::size_t>(ErrorKind::Timeout)] == 2);
    CHECK(rows[0].latency.p99 == 3.125);
    CHECK(rows[0].resources.processCpuPercent == 12.5);
    CHECK(rows[0].resources.systemCpuPercent == 30.25);
    CHECK(rows[1].serviceTime.p95 == 0.5);
    CHECK(rows[1].latency.p95 == 1.0);
    REQUIRE(store.histograms(1).size() == 1);
    CHECK(store.histograms(1)[0].latency.count() == 5);
    const auto hours = store.rollups(1, kHourTierMs, INT64_MIN, INT64_MAX);
    REQUIRE(hours.size() == 1);
    CHECK(hours[0].counts.requests == 110);
    CHECK(hours[0].latency->count() == 5);
    CHECK(store.run(1)->summaryJson == R"({"passed":true})");
}

TEST_CASE("a resumed run continues in the same run: its minute and hour go on from what was stored") {
    StoreDir dir;
    const auto file = dir.path() / "perflab.db";
    std::int64_t id = 0;
    {
        RunStore store(file);
        id = storeRun(store, 90);
        store.finishRun(id, RunStatus::Aborted, "{}", kHour0 + 90'000);
    }
    RunStore store(file);
    CHECK_THROWS_WITH(store.resumeRun(id + 1), Catch::Contains("no run " + std::to_string(id + 1)));
    const RunInfo before = store.resumeRun(id);
    CHECK(before.status == RunStatus::Aborted);
    CHECK(store.run(id)->status == RunStatus::Running);
    CHECK(store.run(id)->pid == ::getpid());
    CHECK_THROWS_WITH(store.resumeRun(id), Catch::Contains("is running"));
    for (int t = 100; t < 130; ++t) // resumed ten seconds later, in the same minute and hour
        store.append(id, secondAt(t));
    store.finishRun(id, RunStatus::Passed, "{}", kHour0 + 130'000);

    CHECK(store.intervals(id).size() == 120);
    const auto minutes = store.rollups(id, kMinuteTierMs, INT64_MIN, INT64_MAX);
    REQUIRE(minutes.size() == 3);
    CHECK(minutes[1].seconds == 50); // 60..89 before, 100..119 after
    CHECK(minutes[1].counts.requests == requestsBetween(60, 90) + requestsBetween(100, 120));
    const auto hours = store.rollups(id, kHourTierMs, INT64_MIN, INT64_MAX);
    REQUIRE(hours.size() == 1);
    CHECK(hours[0].seconds == 120);
    CHECK(hours[0].latency->count() == 120 * 5);
    const auto windows = store.histograms(id);
    CHECK(std::any_of(windows.begin(), windows.end(),
                      [](const auto& w) { return w.startMs == kHour0 + 80'000; }));
    const auto events = store.events(id);
    REQUIRE_FALSE(events.empty());
    CHECK(events.back().kind == EventKind::Resumed);
}
