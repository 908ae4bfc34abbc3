// The PDF report as its readers see it: pages, page size, embedded fonts, selectable figures, drawn charts
// (checked with poppler-utils, as a CI job or a reviewer would).
#include "model/format/figure_format.h"
#include "model/profile/folded_stacks.h"
#include "model/results/summary.h"
#include "model/store/run_report.h"
#include "tests/model/store_fixture.h"
#include "tests/widgets/pdf_tools.h"
#include "tests/widgets/stored_run.h"
#include "widgets/charts/time_series_chart.h"
#include "widgets/dashboard/dashboard.h"
#include "widgets/report/report_canvas.h"
#include "widgets/report/report_writer.h"

#include <QPainter>
#include <QPicture>

#include <catch2/catch.hpp>

#include <algorithm>
#include <iterator>
#include <map>
#include <set>
#include <sstream>

using namespace perflab;
using perflab::test::StoreDir;

namespace {

// A finished run of `seconds` synthetic seconds of a kind, with its real summary (and stress result) and
// these events; `endedEarly` is its status when stopped or aborted.
std::int64_t writeRun(RunStore& store, TestKind kind, int seconds, const std::vector<RunEvent>& events = {},
                      const std::optional<StressResult>& stress = std::nullopt,
                      std::optional<RunStatus> endedEarly = std::nullopt) {
    Scenario scenario = test::syntheticScenario(seconds);
    scenario.kind = kind;
    scenario.slo.minRpm = 1000;
    scenario.slo.maxCpuPercent = 100; // the synthetic run peaks near 90 %
    const std::int64_t id = store.beginRun(scenario.name, kind, toJson(scenario), test::kRunStartMs);
    RunTotals totals;
    for (int i = 0; i < seconds; ++i) {
        const Interval interval = test::syntheticInterval(i, seconds);
        totals.add(interval);
        store.append(id, interval);
    }
    for (const RunEvent& e : events)
        store.addEvent(id, e);
    Summary summary = totals.summarize(id, scenario, false);
    summary.host = "lab-host-7";
    summary.perflabVersion = "0.1.0";
    summary.stress = stress;
    summary.status = endedEarly.value_or(summary.status);
    store.finishRun(id, summary.status, toJson(summary), test::kRunStartMs + std::int64_t{seconds} * 1000);
    return id;
}

RunEvent event(int atS, EventKind kind, const std::string& message) {
    return {.tsMs = test::kRunStartMs + std::int64_t{atS} * 1000, .kind = kind, .message = message};
}

std::filesystem::path writeReport(const StoreDir& dir, const RunStore& store, std::int64_t runId,
                                  std::optional<std::int64_t> baselineId = std::nullopt,
                                  ReportPageSize size = ReportPageSize::A4) {
    const RunReport run = loadRunReport(store, runId, ReportWriter::chartBuckets(size));
    std::optional<RunReport> baseline;
    if (baselineId)
        baseline = loadRunReport(store, *baselineId, ReportWriter::chartBuckets(size));
    const auto file = dir.path() / ("run-" + std::to_string(runId) + ".pdf");
    ReportWriter(run, baseline ? &*baseline : nullptr, size).write(QString::fromStdString(file.string()));
    return file;
}

} // namespace

TEST_CASE("a load run's report has a cover, summary, charts over time, resources and spectrum on numbered "
          "A4 pages") {
    StoreDir dir;
    RunStore store(dir.path() / "runs.db");
    const auto id = writeRun(store, TestKind::Load, 60);
    const auto pdf = writeReport(dir, store, id);

    REQUIRE(test::pdfPageCount(pdf) == 5);
    CHECK(test::pdfInfo(pdf).find("595 x 842 pts (A4)") != std::string::npos);
    const std::string text = test::pdfText(pdf);
    for (const std::string title :
         {"Performance report", "Executive summary", "Latency, throughput and errors over time", "Resources",
          "Percentile spectrum", "lab-host-7", "0.1.0", "Verdict: PASSED"}) {
        INFO(title);
        CHECK(text.find(title) != std::string::npos);
    }
    for (int page = 1; page <= 5; ++page)
        CHECK(text.find("page " + std::to_string(page) + " of 5") != std::string::npos);
    CHECK(text.find("Breaking point") == std::string::npos); // pages of other kinds are left out
}

TEST_CASE("the cover of a stopped or an aborted run says so beside its verdict") {
    StoreDir dir;
    RunStore store(dir.path() / "runs.db");
    for (const auto& [status, verdict] : {std::pair(RunStatus::Stopped, "Verdict: PASSED (stopped)"),
                                          std::pair(RunStatus::Aborted, "Verdict: PASSED (aborted)")}) {
        const auto id = writeRun(store, TestKind::Load, 20, {}, std::nullopt, status);
        CHECK(test::pdfText(writeReport(dir, store, id)).find(verdict) != std::string::npos);
    }
}

TEST_CASE("every headline number and SLO value of the summary is selectable text in the report") {
    StoreDir dir;
    RunStore store(dir.path() / "runs.db");
    const auto id = writeRun(store, TestKind::Load, 45);
    const Summary summary = summaryFromJson(store.run(id)->summaryJson);
    const std::string text = test::pdfText(writeReport(dir, store, id));
    for (const HeadlineFigure& figure : headlineFigures(summary)) {
        INFO(figure.caption << " " << figure.value);
        CHECK(text.find(figure.value) != std::string::npos);
    }
    REQUIRE_FALSE(summary.slos.empty());
    for (const SloResult& slo : summary.slos) {
        const SloRow row = sloRow(slo);
        INFO(row.name);
        CHECK(text.find(row.value) != std::string::npos);
        CHECK(text.find(row.threshold) != std::string::npos);
        CHECK(text.find(row.margin) != std::string::npos);
    }
}

TEST_CASE("a report of a run with answers from a fallback shows their count, rate and stale age") {
    StoreDir dir;
    RunStore store(dir.path() / "runs.db");
    Scenario scenario = test::syntheticScenario(30);
    const std::int64_t id =
        store.beginRun(scenario.name, TestKind::Load, toJson(scenario), test::kRunStartMs);
    RunTotals totals;
    for (int i = 0; i < 30; ++i) {
        Interval interval = test::syntheticInterval(i, 30);
        if (i >= 10) { // a 20 s outage: 120 answers a second from the fallback, 3 s to 22 s old
            interval.counts.degraded = 120;
            interval.counts.requests += 120;
            interval.staleAge.record(std::int64_t{i - 7} * 1'000'000, 120);
        }
        totals.add(interval);
        store.append(id, interval);
    }
    const Summary summary = totals.summarize(id, scenario, false);
    store.finishRun(id, summary.status, toJson(summary), test::kRunStartMs + 30'000);
    const std::string text = test::pdfText(writeReport(dir, store, id));
    CHECK(text.find("degraded (served from a fallback)") != std::string::npos);
    CHECK(text.find(formatCount(2400)) != std::string::npos);
    CHECK(text.find(formatRatePercent(summary.degradedRate)) != std::string::npos);
    CHECK(text.find(formatMs(summary.staleAge.mean) + " / " + formatMs(summary.staleAge.p95) + " / " +
                    formatMs(summary.staleAge.max)) != std::string::npos);
    CHECK(summary.staleAge.max == Approx(22'000).epsilon(0.001));
}

TEST_CASE("a Letter report has Letter pages and every font of a report is embedded") {
    StoreDir dir;
    RunStore store(dir.path() / "runs.db");
    const auto pdf =
        writeReport(dir, store, writeRun(store, TestKind::Load, 30), std::nullopt, ReportPageSize::Letter);
    CHECK(test::pdfInfo(pdf).find("612 x 792 pts (letter)") != std::string::npos);
    std::istringstream rows(test::pdfFontRows(pdf));
    int fonts = 0;
    for (std::string line; std::getline(rows, line); ++fonts) {
        std::istringstream words(line);
        std::vector<std::string> fields{std::istream_iterator<std::string>(words), {}};
        REQUIRE(fields.size() >= 5);
        INFO(line);
        CHECK(fields[fields.size() - 5] == "yes"); // name type encoding emb sub uni object-id
    }
    CHECK(fonts >= 1);
}

TEST_CASE("stress, soak and dependency-failure reports get their own page and every page has ink where its "
          "tables and charts go") {
    StoreDir dir;
    RunStore store(dir.path() / "runs.db");
    const std::map<TestKind, std::pair<std::string, std::string>> kinds = {
        {TestKind::Stress, {"Breaking point", "p95 went past 100 ms at 1,900 req/s"}},
        {TestKind::Soak, {"Endurance", "leak verdict"}},
        {TestKind::DependencyFailure, {"Fault timeline", "upstream-outage for 10s"}}};
    for (const auto& [kind, expected] : kinds) {
        const auto id = writeRun(
            store, kind, 90,
            {event(20, EventKind::Fault, "upstream-outage for 10s"), event(25, EventKind::Breaker, "opened"),
             event(50, EventKind::BreakingPoint, "p95 went past 100 ms at 1,900 req/s")});
        const auto pdf = writeReport(dir, store, id);
        INFO(toString(kind));
        REQUIRE(test::pdfPageCount(pdf) == 6);
        const std::string text = test::pdfText(pdf);
        CHECK(text.find(expected.first) != std::string::npos);
        CHECK(text.find(expected.second) != std::string::npos);
        for (int page = 2; page <= 6; ++page) {
            INFO("page " << page);
            CHECK(test::pageInk(pdf, page, dir.path()) > 0.002); // a blank page has none
        }
    }
}

TEST_CASE("a report with a baseline ends with the comparison page, its verdict and tolerance") {
    StoreDir dir;
    RunStore store(dir.path() / "runs.db");
    const auto baseline = writeRun(store, TestKind::Load, 60);
    const auto candidate = writeRun(store, TestKind::Load, 20); // shorter ramp: other figures
    const auto pdf = writeReport(dir, store, candidate, baseline);
    REQUIRE(test::pdfPageCount(pdf) == 6);
    const std::string text = test::pdfText(pdf);
    CHECK(text.find("Comparison with the baseline") != std::string::npos);
    CHECK(text.find("(tolerance 5 %)") != std::string::npos);
    CHECK(text.find("baseline #" + std::to_string(baseline)) != std::string::npos);
    CHECK(test::pageInk(pdf, 6, dir.path()) > 0.002);
}

TEST_CASE("a run the store keeps no summary of is reported with figures recomputed from its tiers") {
    StoreDir dir;
    RunStore store(dir.path() / "runs.db");
    const auto id = test::writeStoredRun(store, 30, RunStatus::Interrupted);
    const RunReport report = loadRunReport(store, id, 100);
    CHECK(report.summaryRecomputed);
    std::uint64_t requests = 0;
    for (const IntervalRow& row : store.intervals(id))
        requests += row.counts.requests;
    CHECK(report.summary.counts.requests == requests);
    CHECK(report.latency.count() == requests);
    const std::string text = test::pdfText(writeReport(dir, store, id));
    CHECK(text.find(formatCount(requests)) != std::string::npos);
    CHECK(text.find("no SLO verdicts") != std::string::npos);
}

TEST_CASE("a report that cannot be written says which file and why, and leaves nothing behind") {
    StoreDir dir;
    RunStore store(dir.path() / "runs.db");
    const RunReport run = loadRunReport(store, writeRun(store, TestKind::Load, 10), 100);
    const auto file = dir.path() / "missing-folder" / "r.pdf";
    try {
        ReportWriter(run, nullptr, ReportPageSize::A4).write(QString::fromStdString(file.string()));
        FAIL("no error");
    } catch (const std::runtime_error& e) {
        CHECK(std::string(e.what()).find(file.string()) != std::string::npos);
    }
    CHECK_FALSE(std::filesystem::exists(file));
}

TEST_CASE("a missing run is an error naming the run and the store") {
    StoreDir dir;
    RunStore store(dir.path() / "runs.db");
    CHECK_THROWS_WITH(loadRunReport(store, 42, 100),
                      Catch::Contains("no run 42") && Catch::Contains("runs.db"));
}

TEST_CASE("an hour-long run's charts reach the page with at most two points per pixel column") {
    StoreDir dir;
    RunStore store(dir.path() / "runs.db");
    const auto id = test::writeStoredRun(store, 3600);
    const RunReport report = loadRunReport(store, id, ReportWriter::chartBuckets(ReportPageSize::A4));
    CHECK(report.overTime.buckets.size() <= ReportWriter::chartBuckets(ReportPageSize::A4));
    const std::unique_ptr<TimeSeriesChart> chart(Dashboard::makeChart(DashboardChart::Latency));
    Dashboard::showSeries(*chart, DashboardChart::Latency, report.overTime);
    QPicture page;
    QPainter painter(&page);
    ReportCanvas canvas(painter, QRectF(0, 0, 698, 1000));
    canvas.chart(*chart, 300);
    const int columns = chart->pixelColumns();
    CHECK(columns > 500); // laid out at the page's width
    const auto points = chart->drawnPoints(QStringLiteral("p95")).size();
    CHECK(points > columns / 2);  // the whole run is drawn ...
    CHECK(points <= 2 * columns); // ... reduced to the page
}

TEST_CASE(
    "a profiled stress run's report states its breaking point, last sustainable step and knee, and ends "
    "with the flame graph of its profile") {
    StoreDir dir;
    RunStore store(dir.path() / "runs.db");
    const StressResult stress{.unit = "req/s",
                              .breakingPoint = 1900,
                              .breakingReason = "p95 went past 100 ms",
                              .lastSustainable = 1700,
                              .knee = 1450};
    const auto id = writeRun(store, TestKind::Stress, 60, {}, stress);
    const Profile profile = readFoldedStacksFile(PERFLAB_SOURCE_DIR "/tests/widgets/knowledge_server.folded",
                                                 {.name = "", .thread = "worker-0", .engine = "knowledge"});
    for (int slice = 0; slice < 6; ++slice)
        store.appendProfile(id, test::kRunStartMs + slice * 10'000, test::kRunStartMs + (slice + 1) * 10'000,
                            "perf_event", profile);
    store.flush();
    const auto pdf = writeReport(dir, store, id);

    REQUIRE(test::pdfPageCount(pdf) == 7);
    const std::string text = test::pdfText(pdf);
    CHECK(text.find("breaking point") != std::string::npos);
    CHECK(text.find("1900 req/s (p95 went past 100 ms)") != std::string::npos);
    CHECK(text.find("1700 req/s") != std::string::npos);
    CHECK(text.find("1450 req/s") != std::string::npos);
    CHECK(text.find("Flame graph") != std::string::npos);
    CHECK(text.find("perf_event") != std::string::npos);
    // The frame with the most self samples heads the table under the graph.
    std::map<std::string, std::uint64_t> self;
    for (std::size_t i = 0; i < profile.stackCount(); ++i)
        self[profile.frameName(profile.stack(i).frames.back())] += profile.stack(i).count;
    const auto hottest = std::max_element(self.begin(), self.end(),
                                          [](const auto& a, const auto& b) { return a.second < b.second; });
    INFO(hottest->first);
    CHECK(text.find(hottest->first) != std::string::npos);
    CHECK(test::pageInk(pdf, 6, dir.path()) > 0.002);
    CHECK(test::pageInk(pdf, 7, dir.path()) > 0.05); // the graph fills most of its page
}

TEST_CASE("the report's charts over time mark the run's events where the dashboard does") {
    StoreDir dir;
    RunStore store(dir.path() / "runs.db");
    const auto plain = writeRun(store, TestKind::Load, 90);
    const auto marked =
        writeRun(store, TestKind::Load, 90, {event(45, EventKind::Fault, "upstream-outage for 10s")});
    const auto plainPage = test::renderPage(writeReport(dir, store, plain), 3, dir.path(), 40, false);
    const auto markedPage = test::renderPage(writeReport(dir, store, marked), 3, dir.path(), 40, false);
    REQUIRE(plainPage.width == markedPage.width);
    // The same seconds on the same page: below the header (which names the run), only the marker's vertical
    // line differs, on every chart.
    std::map<int, int> changedPerColumn;
    std::set<int> changedRows;
    for (int y = plainPage.height / 20; y < plainPage.height; ++y)
        for (int x = 0; x < plainPage.width; ++x)
            if (!std::equal(plainPage.at(x, y), plainPage.at(x, y) + 3, markedPage.at(x, y))) {
                ++changedPerColumn[x];
                changedRows.insert(y);
            }
    REQUIRE_FALSE(changedPerColumn.empty());
    CHECK(changedPerColumn.rbegin()->first - changedPerColumn.begin()->first <= 8); // line and its head
    CHECK(changedRows.size() > static_cast<std::size_t>(plainPage.height) / 4);     // down several charts
    // The line sits half way along the time axis, in the fault's colour (orange: far more red than blue).
    const int column = std::max_element(changedPerColumn.begin(), changedPerColumn.end(), [](auto a, auto b) {
                           return a.second < b.second;
                       })->first;
    CHECK(column > plainPage.width * 3 / 10);
    CHECK(column < plainPage.width * 7 / 10);
    int orange = 0;
    for (int y : changedRows) {
        const unsigned char* pixel = markedPage.at(column, y);
        orange += pixel[0] > pixel[2] + 30 ? 1 : 0;
    }
    CHECK(orange > changedPerColumn[column] / 3); // the dashed line crosses grid and series lines too
}

TEST_CASE("the resources page leaves out of its legends what the run did not measure") {
    StoreDir dir;
    RunStore store(dir.path() / "runs.db");
    const auto unmeasured = writeRun(store, TestKind::Load, 60);
    Scenario scenario = test::syntheticScenario(60);
    const std::int64_t measured =
        store.beginRun(scenario.name, TestKind::Load, toJson(scenario), test::kRunStartMs + 100'000);
    for (int i = 0; i < 60; ++i) {
        Interval interval = test::syntheticInterval(i, 60);
        interval.startMs += 100'000;
        interval.resources.target = TargetPlacement::SeparateProcess;
        interval.resources.targetPid = 4242;
        interval.resources.generatorCpuPercent = 12;
        interval.resources.targetCpuPercent = 30;
        interval.resources.targetRssBytes = 64u << 20;
        store.append(measured, interval);
    }
    store.finishRun(measured, RunStatus::Passed, "{}", test::kRunStartMs + 160'000);
    const std::string without = test::pdfText(writeReport(dir, store, unmeasured), 4);
    const std::string with = test::pdfText(writeReport(dir, store, measured), 4);
    // Legend entries are lines of their own (the CPU chart's title names both too).
    REQUIRE(without.find("\nrun process\n") != std::string::npos);
    CHECK(without.find("\ngenerator\n") == std::string::npos);
    CHECK(without.find("\nunder test\n") == std::string::npos);
    CHECK(with.find("\ngenerator\n") != std::string::npos);
    CHECK(with.find("\nunder test\n") != std::string::npos);
}
