// Dashboard: fed from a stored run, its charts and headline show the figures the store holds.
#include "widgets/dashboard/dashboard.h"

#include "tests/widgets/dashboard_fixture.h"
#include "tests/widgets/stored_run.h"
#include "widgets/charts/time_series_chart.h"
#include "widgets/dashboard/headline_strip.h"

#include <catch2/catch.hpp>

#include <QApplication>
#include <QElapsedTimer>
#include <QLocale>
#include <QTemporaryDir>

using namespace perflab;
using perflab::test::ys;

namespace {

std::vector<IntervalRow> storedRows(int seconds) {
    QTemporaryDir dir;
    REQUIRE(dir.isValid());
    const std::filesystem::path db = dir.filePath(QStringLiteral("runs.db")).toStdString();
    const std::int64_t id = test::writeStoredRun(db, seconds);
    return RunStore(db, RunStore::Mode::ReadOnly).intervals(id);
}

} // namespace

TEST_CASE("a dashboard fed a stored run charts the stored p95 and throughput of every second") {
    const std::vector<IntervalRow> rows = storedRows(30);
    REQUIRE(rows.size() == 30);
    Dashboard dashboard;
    dashboard.resize(1400, 800);
    dashboard.show();
    dashboard.setRows(rows);

    QList<double> p95, rps;
    for (const IntervalRow& r : rows) {
        p95.append(r.latency.p95);
        rps.append(r.throughputRps());
    }
    CHECK(ys(dashboard.chart(DashboardChart::Latency)->drawnPoints(QStringLiteral("p95"))) == p95);
    CHECK(ys(dashboard.chart(DashboardChart::Throughput)->drawnPoints(QStringLiteral("requests/s"))) == rps);
    const QList<QPointF> p99 = dashboard.chart(DashboardChart::Latency)->drawnPoints(QStringLiteral("p99"));
    REQUIRE(p99.size() == 30);
    CHECK(p99.front().x() == static_cast<double>(rows.front().startMs));
    CHECK(p99.back().y() >= p95.back());
}

TEST_CASE("the headline shows the run's totals and its last second's p95 and throughput") {
    const std::vector<IntervalRow> rows = storedRows(30);
    Dashboard dashboard;
    dashboard.setRows(rows);

    std::uint64_t requests = 0, errors = 0;
    for (const IntervalRow& r : rows) {
        requests += r.counts.requests;
        errors += r.counts.errors;
    }
    REQUIRE(errors > 0);
    const QLocale english(QLocale::English);
    const HeadlineStrip& headline = *dashboard.headline();
    CHECK(headline.value(QStringLiteral("requests")) == english.toString(qulonglong{requests}));
    CHECK(headline.value(QStringLiteral("p95")) == english.toString(rows.back().latency.p95, 'f', 2) + " ms");
    CHECK(headline.value(QStringLiteral("throughput")) ==
          english.toString(rows.back().throughputRps(), 'f', 1) + " req/s");
    CHECK(headline.value(QStringLiteral("errors")) ==
          english.toString(100.0 * static_cast<double>(errors) / static_cast<double>(requests), 'f', 2) +
              " %");
}

TEST_CASE("answers served from a fallback show as degraded on the errors tile and the errors chart") {
    std::vector<IntervalRow> rows = storedRows(20);
    Dashboard plain;
    plain.setRows(rows);
    CHECK(plain.headline()->detail(QStringLiteral("errors")).isEmpty()); // no fallback, no word of it

    std::uint64_t requests = 0;
    QList<double> degradedPerSecond;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        IntervalRow& r = rows[i];
        r.counts.degraded = i >= 10 ? 50 : 0;
        r.counts.requests += r.counts.degraded;
        requests += r.counts.requests;
        degradedPerSecond.append(static_cast<double>(r.counts.degraded));
    }
    Dashboard dashboard;
    dashboard.resize(1400, 800);
    dashboard.show();
    dashboard.setRows(rows);
    const QLocale english(QLocale::English);
    CHECK(dashboard.headline()->detail(QStringLiteral("errors")) ==
          english.toString(100.0 * 500 / static_cast<double>(requests), 'f', 2) + " % degraded");
    CHECK(ys(dashboard.chart(DashboardChart::Errors)->drawnPoints(QStringLiteral("degraded/s"))) ==
          degradedPerSecond);
}

TEST_CASE("rows appended live are drawn together on the next redraw tick") {
    const std::vector<IntervalRow> rows = storedRows(12);
    Dashboard dashboard;
    dashboard.setRows({rows.begin(), rows.begin() + 4});
    dashboard.appendRows({rows.begin() + 4, rows.begin() + 8});
    dashboard.appendRows({rows.begin() + 8, rows.end()});
    TimeSeriesChart& latency = *dashboard.chart(DashboardChart::Latency);
    CHECK(latency.drawnPoints(QStringLiteral("p50")).size() == 4); // not yet: redraws are coalesced

    QElapsedTimer clock;
    clock.start();
    while (latency.drawnPoints(QStringLiteral("p50")).size() != 12 && clock.elapsed() < 2000)
        QApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
    CHECK(latency.drawnPoints(QStringLiteral("p50")).size() == 12);
    CHECK(dashboard.rows().size() == 12);
}

TEST_CASE("clearing the dashboard empties every chart and zeroes the headline") {
    Dashboard dashboard;
    dashboard.setRows(storedRows(5));
    dashboard.clear();
    for (auto which : {DashboardChart::Latency, DashboardChart::Throughput, DashboardChart::Memory})
        for (const QString& name : dashboard.chart(which)->seriesNames())
            CHECK(dashboard.chart(which)->drawnPoints(name).isEmpty());
    CHECK(dashboard.headline()->value(QStringLiteral("requests")) == QStringLiteral("0"));
}

TEST_CASE("the charts keep their size while a run's SLO badges, first seconds and breaches arrive") {
    const test::ReadBackRun run = test::readJudgedRun(40);
    REQUIRE_FALSE(run.events.empty());
    Dashboard dashboard;
    dashboard.resize(1400, 800);
    dashboard.show();
    QApplication::processEvents();
    const TimeSeriesChart& latency = *dashboard.chart(DashboardChart::Latency);
    const QSize empty = latency.size();
    // A chart resized lays out its axes and labels again: at each of these steps on every chart, that was
    // a stall of the window as a run began.
    dashboard.setRun(run.info);
    dashboard.setRows({run.rows.begin(), run.rows.begin() + 2});
    QApplication::processEvents();
    CHECK(latency.size() == empty);
    dashboard.appendRows({run.rows.begin() + 2, run.rows.end()});
    dashboard.appendEvents(run.events);
    dashboard.redraw();
    QApplication::processEvents();
    CHECK_FALSE(dashboard.targetNote().isEmpty());
    CHECK(latency.size() == empty);
}
