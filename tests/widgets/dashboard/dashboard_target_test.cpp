// The dashboard's CPU and memory charts: the generator and the process under test as lines, and a note
// saying what "under test" is (a process of its own, a hosted engine sharing memory, a remote target).
#include "widgets/charts/time_series_chart.h"
#include "widgets/dashboard/dashboard.h"

#include "model/format/figure_format.h"
#include "tests/widgets/dashboard_fixture.h"
#include "tests/widgets/stored_run.h"

#include <catch2/catch.hpp>

#include <QLabel>

#include <cmath>

using namespace perflab;
using perflab::test::ys;

namespace {

// Seconds of a run whose resources say where the target ran; the target's figures from `measured` on.
std::vector<IntervalRow> rowsWith(TargetPlacement placement, int seconds, int measuredUntil) {
    std::vector<IntervalRow> rows;
    for (int i = 0; i < seconds; ++i) {
        IntervalRow row = toRow(test::syntheticInterval(i, seconds));
        ResourceSample& r = row.resources;
        r.target = placement;
        if (placement == TargetPlacement::Unknown) { // stored before the split was measured
            rows.push_back(row);
            continue;
        }
        if (placement == TargetPlacement::SeparateProcess)
            r.targetPid = 4242;
        const double target = placement == TargetPlacement::Remote || i >= measuredUntil ? NAN : 10.0 + i % 5;
        if (!std::isnan(target))
            r.targetCpuPercent = target;
        r.generatorCpuPercent =
            r.processCpuPercent - (placement == TargetPlacement::SameProcess ? target : 0);
        if (placement == TargetPlacement::SeparateProcess && i < measuredUntil)
            r.targetRssBytes = static_cast<std::uint64_t>((300 + i) * kBytesPerMiB);
        rows.push_back(row);
    }
    return rows;
}

QList<double> finite(const QList<double>& values) {
    QList<double> kept;
    for (double v : values)
        if (std::isfinite(v))
            kept.append(v);
    return kept;
}

RunInfo runOf(Target target) {
    Scenario scenario = test::syntheticScenario(30);
    scenario.target = std::move(target);
    RunInfo run;
    run.id = 7;
    run.name = scenario.name;
    run.kind = TestKind::Load;
    run.status = RunStatus::Running;
    run.startedMs = test::kRunStartMs;
    run.scenarioJson = toJson(scenario);
    return run;
}

Target urlTarget(std::string url) {
    HttpRequestSpec request;
    request.url = std::move(url);
    Target target;
    target.requests.push_back(std::move(request));
    return target;
}

QLabel* noteOf(const Dashboard& dashboard) {
    return dashboard.findChild<QLabel*>(QStringLiteral("target-note"));
}

} // namespace

TEST_CASE("a separate process under test gets its own CPU and RSS lines beside the generator's") {
    const auto rows = rowsWith(TargetPlacement::SeparateProcess, 30, 30);
    Dashboard dashboard;
    dashboard.resize(1600, 900);
    dashboard.show();
    dashboard.setRun(runOf(urlTarget("http://127.0.0.1:8080/")));
    dashboard.setRows(rows);

    TimeSeriesChart& cpu = *dashboard.chart(DashboardChart::Cpu);
    CHECK(cpu.seriesNames().contains(QStringLiteral("generator")));
    CHECK(cpu.seriesNames().contains(QStringLiteral("under test")));
    QList<double> targetCpu, generatorCpu, targetRss;
    for (const IntervalRow& r : rows) {
        targetCpu.append(*r.resources.targetCpuPercent);
        generatorCpu.append(*r.resources.generatorCpuPercent);
        targetRss.append(static_cast<double>(*r.resources.targetRssBytes) / kBytesPerMiB);
    }
    CHECK(ys(cpu.drawnPoints(QStringLiteral("under test"))) == targetCpu);
    CHECK(ys(cpu.drawnPoints(QStringLiteral("generator"))) == generatorCpu);
    TimeSeriesChart& memory = *dashboard.chart(DashboardChart::Memory);
    CHECK(ys(memory.drawnPoints(QStringLiteral("under test"))) == targetRss);

    const QLabel* note = noteOf(dashboard);
    REQUIRE(note);
    CHECK_FALSE(note->isHidden());
    CHECK(note->text().contains(QStringLiteral("process 4242")));
    CHECK(note->text().contains(QStringLiteral("127.0.0.1:8080")));
    CHECK(cpu.toolTip() == note->text());
}

TEST_CASE("once the process under test exits its lines stop and the note says it is no longer measured") {
    Dashboard dashboard;
    dashboard.setRows(rowsWith(TargetPlacement::SeparateProcess, 30, 20));
    const QList<double> drawn =
        ys(dashboard.chart(DashboardChart::Cpu)->drawnPoints(QStringLiteral("under test")));
    CHECK(finite(drawn).size() == 20);
    CHECK(std::isnan(drawn.back())); // a gap, not a drop to zero
    CHECK(dashboard.targetNote().contains(QStringLiteral("exited or cannot be read")));
}

TEST_CASE("a hosted engine's CPU is split off the run process, and its memory is said to be shared") {
    const auto rows = rowsWith(TargetPlacement::SameProcess, 30, 30);
    Dashboard dashboard;
    Target hosted;
    hosted.engine = EngineTarget{.engine = "knowledge", .variant = "optimized", .via = Via::Http, .body = {}};
    dashboard.setRun(runOf(hosted));
    dashboard.setRows(rows);
    TimeSeriesChart& cpu = *dashboard.chart(DashboardChart::Cpu);
    const QList<double> target = ys(cpu.drawnPoints(QStringLiteral("under test")));
    const QList<double> generator = ys(cpu.drawnPoints(QStringLiteral("generator")));
    const QList<double> process = ys(cpu.drawnPoints(QStringLiteral("run process")));
    REQUIRE(target.size() == 30);
    for (int i = 0; i < 30; ++i)
        CHECK(target[i] + generator[i] == Approx(process[i]));
    CHECK(finite(ys(dashboard.chart(DashboardChart::Memory)->drawnPoints(QStringLiteral("under test"))))
              .isEmpty());
    CHECK(dashboard.targetNote().contains(QStringLiteral("knowledge/optimized/http")));
    CHECK(dashboard.targetNote().contains(QStringLiteral("memory is shared")));
}

TEST_CASE("a remote target is said not to be measured, and only the generator's line is drawn") {
    Dashboard dashboard;
    dashboard.setRun(runOf(urlTarget("http://example.org/")));
    dashboard.setRows(rowsWith(TargetPlacement::Remote, 30, 30));
    TimeSeriesChart& cpu = *dashboard.chart(DashboardChart::Cpu);
    CHECK(finite(ys(cpu.drawnPoints(QStringLiteral("under test")))).isEmpty());
    CHECK(finite(ys(cpu.drawnPoints(QStringLiteral("generator")))).size() == 30);
    CHECK(dashboard.targetNote().startsWith(QStringLiteral("Remote target (example.org): not measured")));
}

TEST_CASE("a run stored before the split was measured says so, and an empty dashboard says nothing") {
    Dashboard dashboard;
    dashboard.setRows(rowsWith(TargetPlacement::Unknown, 10, 0));
    CHECK(dashboard.targetNote().contains(QStringLiteral("not told apart")));
    dashboard.clear();
    CHECK(dashboard.targetNote().isEmpty());
    CHECK(noteOf(dashboard)->isHidden());
}
