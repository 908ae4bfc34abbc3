// Run events (stages, faults, SLO breaches) are drawn as vertical markers on every dashboard chart, each
// with a tooltip naming the event.
#include "widgets/charts/time_series_chart.h"
#include "widgets/dashboard/dashboard.h"

#include "tests/widgets/dashboard_fixture.h"

#include <catch2/catch.hpp>

#include <QApplication>
#include <QImage>

using namespace perflab;

TEST_CASE("every chart shows a marker for each run event, where the event happened") {
    const test::ReadBackRun run = test::readJudgedRun(120);
    Dashboard dashboard;
    dashboard.resize(1600, 900);
    dashboard.show();
    dashboard.setRun(run.info);
    dashboard.setRows(run.rows);
    dashboard.appendEvents(run.events);
    dashboard.redraw();
    QApplication::processEvents();
    REQUIRE(run.events.size() >= 5); // stages, fault start and end, breaches

    for (std::size_t c = 0; c < kDashboardChartCount; ++c) {
        const TimeSeriesChart& chart = *dashboard.chart(static_cast<DashboardChart>(c));
        REQUIRE(chart.markers().size() == run.events.size());
        CHECK(chart.markers()[2].xMs == static_cast<double>(run.events[2].tsMs));
    }
    const auto fault = std::find_if(run.events.begin(), run.events.end(),
                                    [](const RunEvent& e) { return e.kind == EventKind::Fault; });
    REQUIRE(fault != run.events.end());
    TimeSeriesChart& latency = *dashboard.chart(DashboardChart::Latency);
    const auto marker =
        std::find_if(latency.markers().begin(), latency.markers().end(),
                     [&](const ChartMarker& m) { return m.xMs == static_cast<double>(fault->tsMs); });
    REQUIRE(marker != latency.markers().end());
    CHECK(marker->toolTip.contains(QStringLiteral("fault: upstream-outage started")));
    CHECK(marker->toolTip.startsWith(QStringLiteral("01:00")));

    // The marker is painted down the plot in the fault's pixel column: that column changes when it goes.
    const QImage with = latency.grab().toImage();
    const int x = static_cast<int>(latency.xToPixel(static_cast<double>(fault->tsMs)));
    std::vector<ChartMarker> others(latency.markers());
    others.erase(others.begin() + (marker - latency.markers().begin()));
    latency.setMarkers(others);
    const QImage without = latency.grab().toImage();
    int changed = 0;
    for (int y = 0; y < with.height(); ++y)
        for (int dx = -1; dx <= 1; ++dx)
            changed += with.pixel(x + dx, y) != without.pixel(x + dx, y);
    CHECK(changed > with.height() / 4); // a dashed line over most of the plot's height
}

TEST_CASE("opening another run drops the markers of the one shown before") {
    const test::ReadBackRun run = test::readJudgedRun(60);
    Dashboard dashboard;
    dashboard.setRun(run.info);
    dashboard.appendEvents(run.events);
    dashboard.redraw();
    RunInfo other = run.info;
    other.id += 1;
    dashboard.setRun(other);
    dashboard.redraw();
    CHECK(dashboard.events().empty());
    CHECK(dashboard.chart(DashboardChart::Cpu)->markers().empty());
}
