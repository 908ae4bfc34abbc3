// TimeSeriesChart: what reaches Qt Charts is bounded by the pixel width and keeps the series' extremes.
#include "widgets/charts/time_series_chart.h"

#include <catch2/catch.hpp>

#include <QApplication>
#include <QGraphicsScene>
#include <QGraphicsView>
#include <QSignalSpy>
#include <QTest>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <stdexcept>

using perflab::TimeSeriesChart;

namespace {

constexpr std::size_t kSeventyTwoHours = 259'200;
constexpr double kStartMs = 1.7e12;

struct Series {
    std::vector<double> xs, ys;
};

Series soak(std::size_t n) {
    Series s;
    s.xs.reserve(n);
    s.ys.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
        s.xs.push_back(kStartMs + static_cast<double>(i) * 1000);
        s.ys.push_back(20 + 5 * std::sin(static_cast<double>(i) / 600.0) + static_cast<double>(i % 13));
    }
    return s;
}

void showAt(QWidget& w, int width, int height) {
    w.resize(width, height);
    w.show();
    QApplication::processEvents();
}

double maxY(const QList<QPointF>& points) {
    return std::max_element(points.begin(), points.end(), [](QPointF a, QPointF b) { return a.y() < b.y(); })
        ->y();
}

} // namespace

TEST_CASE("a 72-hour series reaches Qt Charts as at most two points per pixel column") {
    TimeSeriesChart chart(QStringLiteral("Latency"), QStringLiteral("ms"));
    chart.addSeries(QStringLiteral("p95"), Qt::red);
    showAt(chart, 800, 300);
    Series s = soak(kSeventyTwoHours);
    s.ys[123'456] = 950; // one stall in three days must still show
    chart.setData(QStringLiteral("p95"), s.xs, s.ys);

    const QList<QPointF> drawn = chart.drawnPoints(QStringLiteral("p95"));
    REQUIRE(chart.pixelColumns() <= chart.width());
    CHECK(drawn.size() <= 2 * chart.pixelColumns());
    CHECK(drawn.size() >= chart.pixelColumns() / 2);
    CHECK(maxY(drawn) == 950);
    CHECK(drawn.front().x() == s.xs.front());
    CHECK(drawn.back().x() == s.xs.back());
}

TEST_CASE("resizing the chart reduces the kept series to the new width") {
    TimeSeriesChart chart(QStringLiteral("Throughput"), QStringLiteral("req/s"));
    chart.addSeries(QStringLiteral("requests/s"), Qt::blue);
    showAt(chart, 1200, 300);
    const Series s = soak(kSeventyTwoHours);
    chart.setData(QStringLiteral("requests/s"), s.xs, s.ys);
    const auto wide = chart.drawnPoints(QStringLiteral("requests/s")).size();

    showAt(chart, 400, 300);
    const auto narrow = chart.drawnPoints(QStringLiteral("requests/s")).size();
    CHECK(narrow <= 2 * chart.pixelColumns());
    CHECK(narrow < wide);
}

TEST_CASE("setSeries replaces the whole series and a short series is drawn point for point") {
    TimeSeriesChart chart(QStringLiteral("Errors"), QStringLiteral("errors/s"));
    chart.addSeries(QStringLiteral("errors/s"), Qt::darkRed);
    showAt(chart, 600, 300);
    chart.setSeries(QStringLiteral("errors/s"), {{kStartMs, 1}, {kStartMs + 1000, 2}, {kStartMs + 2000, 3}});
    chart.setSeries(QStringLiteral("errors/s"), {{kStartMs, 7}, {kStartMs + 1000, 8}});
    const QList<QPointF> drawn = chart.drawnPoints(QStringLiteral("errors/s"));
    REQUIRE(drawn.size() == 2);
    CHECK(drawn[0].y() == 7);
    CHECK(drawn[1].y() == 8);
}

TEST_CASE("a percentage axis stops at 100 while the data fits, and grows when it does not") {
    TimeSeriesChart chart(QStringLiteral("CPU"), QStringLiteral("%"));
    chart.addSeries(QStringLiteral("process"), Qt::blue);
    chart.setYCeiling(100);
    showAt(chart, 600, 300);
    chart.setSeries(QStringLiteral("process"), {{kStartMs, 40}, {kStartMs + 1000, 99.8}});
    CHECK(chart.yRange() == std::pair<double, double>(0, 100));
    chart.setSeries(QStringLiteral("process"), {{kStartMs, 40}, {kStartMs + 1000, 130}});
    CHECK(chart.yRange().second >= 130);
}

TEST_CASE("unknown series names and mismatched data are errors naming the chart") {
    TimeSeriesChart chart(QStringLiteral("CPU"), QStringLiteral("%"));
    chart.addSeries(QStringLiteral("process"), Qt::blue);
    CHECK_THROWS_WITH(chart.setData(QStringLiteral("system"), {1}, {1}), Catch::Contains("CPU"));
    CHECK_THROWS_AS(chart.setData(QStringLiteral("process"), {1, 2}, {1}), std::invalid_argument);
    CHECK(chart.seriesNames() == QStringList{QStringLiteral("process")});
}

TEST_CASE("hiding and showing a chart, as a page switch does, leaves its items unrepainted") {
    QWidget page;
    auto* chart = new TimeSeriesChart(QStringLiteral("Latency"), QStringLiteral("ms"), &page);
    (new QVBoxLayout(&page))->addWidget(chart);
    chart->addSeries(QStringLiteral("p95"), Qt::blue);
    const Series s = soak(600);
    chart->setData(QStringLiteral("p95"), s.xs, s.ys);
    showAt(page, 700, 300);
    QApplication::setActiveWindow(&page);
    QTest::qWait(100); // laid out and painted
    auto* view = chart->findChild<QGraphicsView*>();
    REQUIRE(view);
    QSignalSpy changed(view->scene(), &QGraphicsScene::changed);
    for (int i = 0; i < 3; ++i) {
        chart->hide();
        QApplication::processEvents();
        chart->show();
        QApplication::processEvents();
    }
    const auto repainted = std::count_if(changed.begin(), changed.end(), [](const QList<QVariant>& args) {
        return !args.at(0).value<QList<QRectF>>().isEmpty();
    });
    CHECK(repainted == 0);
}
