// The dashboard's latency percentile picker adds lines the rows carry (p90, p99.9, mean), and errors are
// drawn per kind, one line for each kind that occurred.
#include "widgets/charts/time_series_chart.h"
#include "widgets/dashboard/dashboard.h"

#include "tests/widgets/dashboard_fixture.h"

#include <catch2/catch.hpp>

#include <QCheckBox>
#include <QTest>

using namespace perflab;
using perflab::test::ys;

TEST_CASE("picking p90 in the percentile picker adds the rows' p90 to the latency chart") {
    const test::ReadBackRun run = test::readJudgedRun(30);
    Dashboard dashboard;
    dashboard.resize(1600, 900);
    dashboard.show();
    dashboard.setRows(run.rows);
    TimeSeriesChart& latency = *dashboard.chart(DashboardChart::Latency);
    CHECK_FALSE(latency.isSeriesVisible(QStringLiteral("p90")));

    auto* p90 = dashboard.findChild<QCheckBox*>(QStringLiteral("percentile-p90"));
    REQUIRE(p90);
    QTest::mouseClick(p90, Qt::LeftButton, {}, QPoint(5, p90->height() / 2));
    REQUIRE(latency.isSeriesVisible(QStringLiteral("p90")));
    QList<double> expected;
    for (const IntervalRow& r : run.rows)
        expected.append(r.latency.p90);
    CHECK(ys(latency.drawnPoints(QStringLiteral("p90"))) == expected);
    CHECK_FALSE(latency.isSeriesVisible(QStringLiteral("p99.9")));

    QTest::mouseClick(p90, Qt::LeftButton, {}, QPoint(5, p90->height() / 2));
    CHECK_FALSE(latency.isSeriesVisible(QStringLiteral("p90")));
}

TEST_CASE("errors are drawn per kind, a line for each kind that occurred, per second") {
    std::vector<IntervalRow> rows(20);
    for (std::size_t i = 0; i < rows.size(); ++i) {
        rows[i].startMs = test::stampOf(static_cast<int>(i));
        rows[i].counts.requests = 1000;
        rows[i].counts.errorsByKind[static_cast<std::size_t>(ErrorKind::Timeout)] = i % 2;
        rows[i].counts.errorsByKind[static_cast<std::size_t>(ErrorKind::Status5xx)] = i >= 10 ? 7 : 0;
        rows[i].counts.errors = i % 2 + (i >= 10 ? 7 : 0);
    }
    rows[5].durationMs = 500; // a short second: counts become rates
    Dashboard dashboard;
    dashboard.setRows(rows);
    TimeSeriesChart& errors = *dashboard.chart(DashboardChart::Errors);
    CHECK(errors.isSeriesVisible(QStringLiteral("timeout")));
    CHECK(errors.isSeriesVisible(QStringLiteral("http_5xx")));
    CHECK_FALSE(errors.hasSeries(QStringLiteral("connect")));
    const QList<double> timeouts = ys(errors.drawnPoints(QStringLiteral("timeout")));
    REQUIRE(timeouts.size() == 20);
    CHECK(timeouts[3] == 1);
    CHECK(timeouts[4] == 0);
    CHECK(timeouts[5] == 2);
    CHECK(ys(errors.drawnPoints(QStringLiteral("http_5xx")))[15] == 7);

    dashboard.setRows({rows.begin(), rows.begin() + 10}); // a run without server errors
    CHECK_FALSE(errors.isSeriesVisible(QStringLiteral("http_5xx")));
    CHECK(errors.drawnPoints(QStringLiteral("http_5xx")).isEmpty());
}
