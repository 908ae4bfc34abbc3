// The generator's and the process under test's figures through the store (seconds, rollups, the upgrade of
// schema 3 files), the summary and the CSV export; absent figures stay absent, never zero.
#include "model/format/exporters.h"
#include "model/results/summary.h"
#include "model/store/run_store.h"
#include "model/store/sqlite_db.h"
#include "tests/model/store_fixture.h"
#include "tests/widgets/stored_run.h"

#include <catch2/catch.hpp>

#include <sqlite3.h>

#include <cmath>
#include <iomanip>
#include <sstream>

using namespace perflab;
using perflab::test::StoreDir;

namespace {

// Second i of a run against a separate process that exits after second 89.
Interval separateProcessSecond(int i) {
    Interval in = test::syntheticInterval(i, 120);
    ResourceSample& r = in.resources;
    r.target = TargetPlacement::SeparateProcess;
    r.targetPid = 4242;
    r.generatorCpuPercent = r.processCpuPercent;
    if (i < 90) {
        r.targetCpuPercent = 20 + i % 7;
        r.targetRssBytes = (200ULL + static_cast<std::uint64_t>(i)) << 20;
    }
    return in;
}

const Envelope& figure(const ChartBucket& bucket, ChartFigure f) {
    return bucket.figures[static_cast<std::size_t>(f)];
}

} // namespace

TEST_CASE("a second's generator and target figures are stored and read back, absent ones as absent") {
    StoreDir dir;
    RunStore store(dir.path() / "runs.db");
    const std::int64_t id = store.beginRun("target", TestKind::Load, "{}", test::kRunStartMs);
    for (int i = 0; i < 120; ++i)
        store.append(id, separateProcessSecond(i));
    store.finishRun(id, RunStatus::Passed, "{}", test::kRunStartMs + 120'000);

    const auto rows = store.intervals(id);
    REQUIRE(rows.size() == 120);
    const ResourceSample& measured = rows[10].resources;
    CHECK(measured.target == TargetPlacement::SeparateProcess);
    CHECK(measured.targetPid == 4242);
    CHECK(measured.targetCpuPercent == Approx(23));
    CHECK(measured.targetRssBytes == (210ULL << 20));
    REQUIRE(measured.generatorCpuPercent);
    CHECK(*measured.generatorCpuPercent == Approx(measured.processCpuPercent).margin(0.01));
    const ResourceSample& exited = rows[100].resources;
    CHECK(exited.target == TargetPlacement::SeparateProcess);
    CHECK_FALSE(exited.targetCpuPercent);
    CHECK_FALSE(exited.targetRssBytes);

    SECTION("minutes keep the measured seconds' envelope, and a minute without any keeps none") {
        const auto minutes = store.rollups(id, kMinuteTierMs, INT64_MIN, INT64_MAX);
        REQUIRE(minutes.size() >= 2);
        const auto& first = minutes.front().figures;
        const auto firstMinuteSeconds = static_cast<int>(minutes.front().seconds);
        CHECK(first[static_cast<std::size_t>(ChartFigure::TargetCpu)].max == Approx(26));
        CHECK(
            first[static_cast<std::size_t>(ChartFigure::TargetRss)].max ==
            Approx(static_cast<double>((200ULL + static_cast<std::uint64_t>(firstMinuteSeconds) - 1) << 20)));
        const auto& last = minutes.back().figures;
        CHECK(last[static_cast<std::size_t>(ChartFigure::TargetCpu)].isAbsent() ==
              (minutes.back().startMs >= test::kRunStartMs + 90'000));
    }
    SECTION("a chart read draws the seconds after the exit as a gap") {
        const ChartSeries series =
            store.chartSeries(id, test::kRunStartMs, test::kRunStartMs + 120'000, 1000);
        REQUIRE(series.buckets.size() == 120);
        CHECK(figure(series.buckets[10], ChartFigure::TargetCpu).max == Approx(23));
        CHECK(std::isnan(figure(series.buckets[100], ChartFigure::TargetCpu).max));
        CHECK_FALSE(std::isnan(figure(series.buckets[100], ChartFigure::GeneratorCpu).max));
    }
}

TEST_CASE("a store of schema 3 gains the target columns when a writer opens it, its seconds reading them "
          "as absent") {
    StoreDir dir;
    const auto file = dir.path() / "runs.db";
    const std::int64_t id = test::writeStoredRun(file, 90);
    {
        // Back to schema 3: without the generator and target columns.
        SqliteDb db(file, SQLITE_OPEN_READWRITE);
        for (const char* column : {"gen_cpu_bp", "target", "target_pid", "target_cpu_bp", "target_rss_kib"})
            db.exec((std::string("ALTER TABLE intervals DROP COLUMN ") + column).c_str());
        for (const char* figure : {"gen_cpu", "target_cpu", "target_rss"})
            for (const char* part : {"_first", "_min", "_max", "_last"})
                db.exec((std::string("ALTER TABLE rollups DROP COLUMN ") + figure + part).c_str());
        db.exec("PRAGMA user_version = 3");
    }
    CHECK_THROWS_WITH(RunStore(file, RunStore::Mode::ReadOnly), Catch::Contains("store schema 3"));
    {
        RunStore store(file);
        const auto rows = store.intervals(id);
        REQUIRE(rows.size() == 90);
        CHECK(rows[5].resources.processCpuPercent > 0);
        CHECK(rows[5].resources.target == TargetPlacement::Unknown);
        CHECK_FALSE(rows[5].resources.generatorCpuPercent);
        CHECK_FALSE(rows[5].resources.targetCpuPercent);
        const auto minutes = store.rollups(id, kMinuteTierMs, INT64_MIN, INT64_MAX);
        REQUIRE_FALSE(minutes.empty());
        CHECK(minutes.front().figures[static_cast<std::size_t>(ChartFigure::GeneratorCpu)].isAbsent());
        CHECK(minutes.front().figures[static_cast<std::size_t>(ChartFigure::ProcessCpu)].max > 0);
        // The upgraded file takes new seconds with their figures.
        const std::int64_t next =
            store.beginRun("after", TestKind::Load, "{}", test::kRunStartMs + 3'600'000);
        Interval second = separateProcessSecond(1);
        second.startMs = test::kRunStartMs + 3'600'000;
        store.append(next, second);
        store.finishRun(next, RunStatus::Passed, "{}", second.startMs + 1000);
        CHECK(store.intervals(next).front().resources.targetCpuPercent == Approx(21));
    }
    RunStore reader(file, RunStore::Mode::ReadOnly);
    CHECK(reader.intervals(id).size() == 90);
}

TEST_CASE("the summary's resources name the target's maxima only when measured") {
    Scenario scenario = test::syntheticScenario(60);
    RunTotals measured;
    for (int i = 0; i < 100; ++i)
        measured.add(separateProcessSecond(i));
    const Summary s = measured.summarize(1, scenario, false);
    CHECK(s.target == TargetPlacement::SeparateProcess);
    CHECK(s.targetCpuPercentMax == Approx(26));
    CHECK(s.targetRssBytesMax == (289ULL << 20));
    const std::string json = toJson(s);
    CHECK_THAT(json, Catch::Contains("\"target_cpu_percent_max\"") &&
                         Catch::Contains("\"target\": \"separate-process\""));
    const Summary back = summaryFromJson(json);
    CHECK(back.targetCpuPercentMax == s.targetCpuPercentMax);
    CHECK(back.targetRssBytesMax == s.targetRssBytesMax);
    CHECK(back.generatorCpuPercentMax == Approx(*s.generatorCpuPercentMax));
    CHECK(back.target == TargetPlacement::SeparateProcess);

    RunTotals unmeasured;
    unmeasured.add(test::syntheticInterval(0, 60));
    const std::string old = toJson(unmeasured.summarize(2, scenario, false));
    CHECK_THAT(old, !Catch::Contains("\"target\"") && !Catch::Contains("\"target_") &&
                        !Catch::Contains("generator"));
    CHECK_FALSE(summaryFromJson(old).targetCpuPercentMax);
}

TEST_CASE("the CSV export leaves a target figure's cell empty when it was not measured") {
    std::ostringstream csv;
    writeCsv(csv, {toRow(separateProcessSecond(1)), toRow(separateProcessSecond(95))});
    std::istringstream lines(csv.str());
    std::string header, measured, exited;
    std::getline(lines, header);
    std::getline(lines, measured);
    std::getline(lines, exited);
    // The degraded answers' columns follow the target's; these seconds had none.
    const std::string noDegraded = ",0,0,0,0";
    CHECK(header.ends_with(",target,generator_cpu_percent,target_cpu_percent,target_rss_bytes,degraded,"
                           "stale_age_mean_ms,stale_age_p95_ms,stale_age_max_ms"));
    CHECK(measured.ends_with(",separate-process," + [&] {
        std::ostringstream figures;
        figures << std::setprecision(10) << *separateProcessSecond(1).resources.generatorCpuPercent << ",21,"
                << (201ULL << 20) << noDegraded;
        return figures.str();
    }()));
    CHECK(exited.ends_with(",," + noDegraded));
}
