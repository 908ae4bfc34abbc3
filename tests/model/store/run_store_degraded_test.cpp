// Degraded answers in the store: per-second counts and stale ages, minutes, charts, and the upgrade of
// schema 4 files that had no column for them.
#include "model/store/run_store.h"
#include "model/store/sqlite_db.h"
#include "tests/model/store_fixture.h"
#include "tests/widgets/stored_run.h"

#include <catch2/catch.hpp>

#include <sqlite3.h>

using namespace perflab;
using perflab::test::StoreDir;

namespace {

// Second i of a 120 s run whose dependency is down from second 30 to 49: 40 answers a second come from the
// fallback, growing staler by a second each second.
Interval secondWithOutage(int i) {
    Interval in = test::syntheticInterval(i, 120);
    if (i >= 30 && i < 50) {
        in.counts.requests += 40;
        in.counts.degraded = 40;
        in.staleAge.record(std::int64_t{i - 29} * 1'000'000, 40);
    }
    return in;
}

std::int64_t writeRunWithOutage(RunStore& store) {
    const std::int64_t id = store.beginRun("outage", TestKind::Load, "{}", test::kRunStartMs);
    for (int i = 0; i < 120; ++i)
        store.append(id, secondWithOutage(i));
    store.finishRun(id, RunStatus::Passed, "{}", test::kRunStartMs + 120'000);
    return id;
}

} // namespace

TEST_CASE("a second's degraded answers and stale ages read back; minutes and charts add them up") {
    StoreDir dir;
    RunStore store(dir.path() / "runs.db");
    const std::int64_t id = writeRunWithOutage(store);
    const std::vector<IntervalRow> rows = store.intervals(id);
    REQUIRE(rows.size() == 120);
    CHECK(rows[29].counts.degraded == 0);
    CHECK(rows[29].staleAge == StaleAgeFigures{});
    CHECK(rows[40].counts.degraded == 40);
    CHECK(rows[40].counts.successes() == rows[40].counts.requests - rows[40].counts.errors - 40);
    CHECK(rows[40].staleAge.mean == Approx(11'000).epsilon(0.001));
    CHECK(rows[40].staleAge.max == Approx(11'000).epsilon(0.001));

    const std::vector<Rollup> minutes = store.rollups(id, kMinuteTierMs, INT64_MIN, INT64_MAX);
    std::uint64_t degraded = 0;
    for (const Rollup& minute : minutes)
        degraded += minute.counts.degraded;
    CHECK(degraded == 20 * 40);

    const ChartSeries series = store.chartSeries(id, test::kRunStartMs, test::kRunStartMs + 120'000, 120);
    REQUIRE(series.buckets.size() == 120);
    CHECK(series.buckets[40][ChartFigure::DegradedRate].max == Approx(40));
    CHECK(series.buckets[60][ChartFigure::DegradedRate].max == 0);
}

TEST_CASE("a store of schema 4 gains the degraded columns when a writer opens it, its seconds having none") {
    StoreDir dir;
    const auto file = dir.path() / "runs.db";
    const std::int64_t id = test::writeStoredRun(file, 90);
    {
        // Back to schema 4: without the degraded columns.
        SqliteDb db(file, SQLITE_OPEN_READWRITE);
        db.exec("ALTER TABLE intervals DROP COLUMN degraded; ALTER TABLE rollups DROP COLUMN degraded");
        for (const char* part : {"_first", "_min", "_max", "_last"})
            db.exec((std::string("ALTER TABLE rollups DROP COLUMN degraded_rate") + part).c_str());
        db.exec("PRAGMA user_version = 4");
    }
    CHECK_THROWS_WITH(RunStore(file, RunStore::Mode::ReadOnly), Catch::Contains("store schema 4"));
    {
        RunStore store(file);
        const auto rows = store.intervals(id);
        REQUIRE(rows.size() == 90);
        CHECK(rows[5].counts.requests > 0);
        CHECK(rows[5].counts.degraded == 0);
        const auto minutes = store.rollups(id, kMinuteTierMs, INT64_MIN, INT64_MAX);
        REQUIRE_FALSE(minutes.empty());
        CHECK(minutes.front().counts.degraded == 0);
        CHECK(minutes.front().figures[static_cast<std::size_t>(ChartFigure::DegradedRate)].isAbsent());
        // The upgraded file takes new runs with their degraded answers.
        const std::int64_t next = writeRunWithOutage(store);
        CHECK(store.intervals(next)[35].counts.degraded == 40);
    }
    RunStore reader(file, RunStore::Mode::ReadOnly);
    CHECK(reader.intervals(id).size() == 90);
}
