// Dragging across any dashboard chart picks a time range (rangeSelected, store milliseconds) shown on every
// chart; a click or Escape clears it.
#include "widgets/charts/time_series_chart.h"
#include "widgets/dashboard/dashboard.h"

#include "tests/widgets/dashboard_fixture.h"

#include <catch2/catch.hpp>

#include <QApplication>
#include <QSignalSpy>
#include <QTest>

using namespace perflab;

namespace {

struct Shown {
    test::ReadBackRun run = test::readJudgedRun(120);
    Dashboard dashboard;
    Shown() {
        dashboard.resize(1600, 900);
        dashboard.show();
        dashboard.setRun(run.info);
        dashboard.setRows(run.rows);
        QApplication::processEvents();
    }
    // The chart's plot layer (what the mouse hits) and the point of `second` in it.
    std::pair<QWidget*, QPoint> pointAt(DashboardChart which, int second) {
        TimeSeriesChart& chart = *dashboard.chart(which);
        QWidget* plot = chart.childAt(chart.rect().center());
        REQUIRE(plot);
        const QPoint inChart(
            static_cast<int>(std::lround(chart.xToPixel(static_cast<double>(test::stampOf(second))))),
            chart.height() / 2);
        return {plot, plot->mapFrom(&chart, inChart)};
    }
    void drag(DashboardChart which, int fromSecond, int toSecond) {
        auto [plot, from] = pointAt(which, fromSecond);
        const QPoint to = pointAt(which, toSecond).second;
        QTest::mousePress(plot, Qt::LeftButton, {}, from);
        QTest::mouseMove(plot, to);
        QTest::mouseRelease(plot, Qt::LeftButton, {}, to);
    }
};

} // namespace

TEST_CASE(
    "dragging across a chart emits the picked range in store milliseconds and shows it on every chart") {
    Shown s;
    QSignalSpy picked(&s.dashboard, &Dashboard::rangeSelected);
    s.drag(DashboardChart::Throughput, 40, 70);
    REQUIRE(picked.size() == 1);
    const auto fromMs = picked.at(0).at(0).value<qint64>();
    const auto toMs = picked.at(0).at(1).value<qint64>();
    // One pixel of this plot spans about half a second of the run.
    const double msPerPixel =
        1000.0 / (s.dashboard.chart(DashboardChart::Throughput)->xToPixel(test::stampOf(1)) -
                  s.dashboard.chart(DashboardChart::Throughput)->xToPixel(test::stampOf(0)));
    CHECK(std::abs(fromMs - test::stampOf(40)) <= msPerPixel + 1);
    CHECK(std::abs(toMs - test::stampOf(70)) <= msPerPixel + 1);
    for (std::size_t c = 0; c < kDashboardChartCount; ++c) {
        const auto shown = s.dashboard.chart(static_cast<DashboardChart>(c))->selection();
        REQUIRE(shown);
        CHECK(std::llround(shown->first) == fromMs);
    }
}

TEST_CASE("a drag from right to left picks the same range, a click clears it") {
    Shown s;
    QSignalSpy picked(&s.dashboard, &Dashboard::rangeSelected);
    QSignalSpy cleared(&s.dashboard, &Dashboard::selectionCleared);
    s.drag(DashboardChart::Memory, 90, 20);
    REQUIRE(picked.size() == 1);
    CHECK(picked.at(0).at(0).value<qint64>() < picked.at(0).at(1).value<qint64>());

    auto [plot, at] = s.pointAt(DashboardChart::Latency, 50);
    QTest::mouseClick(plot, Qt::LeftButton, {}, at);
    CHECK(cleared.size() == 1);
    CHECK_FALSE(s.dashboard.selection());
    CHECK_FALSE(s.dashboard.chart(DashboardChart::Memory)->selection());
}

TEST_CASE("Escape clears the picked range") {
    Shown s;
    QSignalSpy cleared(&s.dashboard, &Dashboard::selectionCleared);
    s.drag(DashboardChart::Latency, 10, 30);
    REQUIRE(s.dashboard.selection());
    QWidget* plot = s.pointAt(DashboardChart::Latency, 0).first;
    plot->setFocus();
    QTest::keyClick(plot, Qt::Key_Escape);
    CHECK(cleared.size() == 1);
    CHECK_FALSE(s.dashboard.selection());
    CHECK_FALSE(s.dashboard.chart(DashboardChart::Errors)->selection());
}
