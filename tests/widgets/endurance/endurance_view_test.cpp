// The endurance view driven by real mouse events offscreen: wheel zoom around the cursor, drag to pan, reset,
// run events as markers, the leak verdict of a leaking and a flat stored run, and no stale run after a newer
// one was asked for.
#include <catch2/catch.hpp>

#include "model/format/figure_format.h"
#include "model/store/run_store.h"
#include "tests/model/store_fixture.h"
#include "tests/widgets/file_store_requests.h"
#include "widgets/charts/time_series_chart.h"
#include "widgets/endurance/endurance_overlay.h"
#include "widgets/endurance/endurance_view.h"

#include <QHelpEvent>
#include <QLabel>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>
#include <QToolTip>
#include <QWheelEvent>

#include <cmath>

using namespace perflab;

namespace {

constexpr std::int64_t kStartMs = 1'750'000'000'000;
constexpr int kSeconds = 3 * 3600; // long enough for a verdict: 45 min warm-up, 135 min analysed
constexpr std::uint64_t kLimitBytes = 4ULL << 30;

// A light run (ten requests a second) whose RSS starts at baseMiB and grows by leakMiBPerHour, with a
// wobble of a few MiB; a stage, a fault and a scale-out as events.
std::int64_t writeRun(RunStore& store, const std::string& name, double baseMiB, double leakMiBPerHour,
                      int seconds = kSeconds, bool finished = true) {
    const std::int64_t id = store.beginRun(name, TestKind::Soak, "{}", kStartMs);
    for (int t = 0; t < seconds; ++t) {
        Interval in;
        in.startMs = kStartMs + std::int64_t{t} * 1000;
        in.counts.requests = 10;
        for (int r = 0; r < 10; ++r)
            in.latency.record(2000 + 300 * r + (t % 600 == 0 ? 40'000 : 0));
        in.serviceTime = in.latency;
        const double rss = (baseMiB + leakMiBPerHour * t / 3600.0 + 3 * std::sin(t / 97.0)) * kBytesPerMiB;
        in.resources = {.processCpuPercent = 20 + 5 * std::sin(t / 300.0),
                        .processRssBytes = static_cast<std::uint64_t>(rss),
                        .processMemoryPercent = 100 * rss / static_cast<double>(kLimitBytes),
                        .systemCpuPercent = 40,
                        .systemMemoryPercent = 50,
                        .memoryTotalBytes = 16ULL << 30,
                        .threads = 8,
                        .openFds = 30,
                        .memoryLimitBytes = kLimitBytes,
                        .cpuLimitCores = 0,
                        .processCpuPercentOfLimit = 20};
        store.append(id, in);
    }
    store.addEvent(id, {kStartMs, EventKind::Stage, "stage 1: 10 users"});
    store.addEvent(id, {kStartMs + 3'600'000, EventKind::Fault, "upstream outage for 30 s"});
    store.addEvent(id, {kStartMs + 7'200'000, EventKind::ScaleOut, "node 3 added"});
    if (finished)
        store.finishRun(id, RunStatus::Passed, "{}", kStartMs + std::int64_t{seconds} * 1000);
    return id;
}

// One store for the whole file: a leaking run (6 MiB/h from 200 MiB) and a flat one (at 800 MiB).
struct Runs {
    test::StoreDir dir;
    std::filesystem::path file = dir.path() / "runs.db";
    std::int64_t leaking = 0;
    std::int64_t flat = 0;
    std::int64_t shortEnded = 0;   // 25 s, finished: no verdict can exist
    std::int64_t shortRunning = 0; // 25 s so far, still going: a verdict may come
    Runs() {
        RunStore store(file);
        leaking = writeRun(store, "leaking soak", 200, 6);
        flat = writeRun(store, "flat soak", 800, 0);
        shortEnded = writeRun(store, "short soak", 200, 0, 25);
        shortRunning = writeRun(store, "young soak", 200, 0, 25, false);
    }
};

const Runs& runs() {
    static const Runs kRuns;
    return kRuns;
}

// A view laid out at a desktop size, showing `runId` once its read has landed.
struct OpenView {
    test::FileStoreRequests requests{runs().file};
    EnduranceView view{requests};
    explicit OpenView(std::int64_t runId) {
        view.resize(1400, 900);
        view.show();
        REQUIRE(QTest::qWaitForWindowExposed(&view));
        view.showRun(runId);
        settle();
        REQUIRE(view.runId() == runId);
    }
    void settle() {
        REQUIRE(QTest::qWaitFor([&] { return !view.isLoading(); }, 20'000));
    }
    EnduranceOverlay& overlay() { return *view.overlay(); }
};

void wheel(QWidget& target, QPointF at, int degrees) {
    QWheelEvent event(at, target.mapToGlobal(at), QPoint(), QPoint(0, degrees), Qt::NoButton, Qt::NoModifier,
                      Qt::NoScrollPhase, false);
    QApplication::sendEvent(&target, &event);
}

} // namespace

TEST_CASE("the endurance view says nothing about leaks for a run that ended too short for a verdict") {
    OpenView ended(runs().shortEnded);
    CHECK(ended.view.trendText().isEmpty());
    CHECK_FALSE(ended.view.findChild<QLabel*>(QStringLiteral("leakVerdict"))->isVisible());
    OpenView running(runs().shortRunning);
    CHECK(running.view.trendText().contains(QStringLiteral("inconclusive")));
    CHECK(running.view.findChild<QLabel*>(QStringLiteral("leakVerdict"))->isVisible());
}

// One test case, a section per behaviour: the two 3-hour runs are written once for all of them.
TEST_CASE("the endurance view over a leaking and a flat stored 3-hour soak") {
    SECTION("the endurance view opens a stored run over its whole span with every figure drawn") {
        OpenView open(runs().flat);
        CHECK(open.view.visibleWindow() == open.view.extent());
        CHECK(open.view.extent().span() == std::int64_t{kSeconds} * 1000);
        CHECK(open.view.headerText().contains(QStringLiteral("flat soak")));
        for (auto which : {EnduranceChart::Latency, EnduranceChart::Throughput, EnduranceChart::Errors,
                           EnduranceChart::Memory, EnduranceChart::Cpu}) {
            const auto points =
                open.view.chart(which)->drawnPoints(open.view.chart(which)->seriesNames().front());
            CHECK(points.size() > 100);
            // Decimated to the plot: never more points than its pixel columns.
            CHECK(points.size() <= open.view.chart(which)->plotArea().width());
        }
    }

    SECTION("wheel zoom in the endurance view narrows the visible span around the cursor") {
        OpenView open(runs().flat);
        const TimeWindow before = open.view.visibleWindow();
        const std::int64_t anchor = before.fromMs + before.span() / 4;
        const double x = open.overlay().xOf(anchor);
        wheel(open.overlay(), QPointF(x, open.overlay().plotSpan().center().y()), 240);
        const TimeWindow after = open.view.visibleWindow();
        CHECK(after.span() < before.span() * 0.7);
        CHECK(std::abs(open.overlay().xOf(anchor) - x) <= 2); // the time under the cursor stays under it
        open.settle();
        // The re-read fills the narrower window with its own detail.
        const auto points = open.view.chart(EnduranceChart::Memory)->drawnPoints(QStringLiteral("RSS"));
        REQUIRE(!points.isEmpty());
        CHECK(points.front().x() >= static_cast<double>(after.fromMs) - 60'000);
        CHECK(points.back().x() <= static_cast<double>(after.toMs) + 60'000);

        wheel(open.overlay(), QPointF(x, open.overlay().plotSpan().center().y()), -240 * 4);
        CHECK(open.view.visibleWindow() == open.view.extent()); // zooming out stops at the whole run
    }

    SECTION("dragging the endurance view pans it and double-click or Reset zoom shows the whole run") {
        OpenView open(runs().flat);
        open.view.zoom(open.view.extent().fromMs + open.view.extent().span() / 2, 0.25);
        open.settle();
        const TimeWindow zoomed = open.view.visibleWindow();
        const QRectF span = open.overlay().plotSpan();
        const QPoint from(static_cast<int>(span.center().x()), static_cast<int>(span.center().y()));
        QTest::mousePress(&open.overlay(), Qt::LeftButton, Qt::NoModifier, from);
        QTest::mouseMove(&open.overlay(), from - QPoint(200, 0));
        QTest::mouseRelease(&open.overlay(), Qt::LeftButton, Qt::NoModifier, from - QPoint(200, 0));
        const TimeWindow panned = open.view.visibleWindow();
        CHECK(panned.span() == zoomed.span());
        const double expected = 200 / span.width() * static_cast<double>(zoomed.span());
        CHECK(static_cast<double>(panned.fromMs - zoomed.fromMs) == Approx(expected).epsilon(0.02));

        QTest::mouseDClick(&open.overlay(), Qt::LeftButton, Qt::NoModifier, from);
        open.settle();
        CHECK(open.view.visibleWindow() == open.view.extent());

        open.view.zoom(open.view.extent().fromMs, 0.5);
        auto* reset = open.view.findChild<QPushButton*>();
        REQUIRE(reset);
        REQUIRE(reset->isEnabled());
        QTest::mouseClick(reset, Qt::LeftButton);
        open.settle();
        CHECK(open.view.visibleWindow() == open.view.extent());
        CHECK_FALSE(reset->isEnabled());
    }

    SECTION("run events appear in the endurance view as markers at their time with their text as tooltip") {
        OpenView open(runs().leaking);
        const auto markers = open.overlay().markers();
        REQUIRE(markers.size() == 3);
        const double fault = open.overlay().xOf(kStartMs + 3'600'000);
        CHECK(std::abs(markers[1].x - fault) < 1);
        QHelpEvent help(QEvent::ToolTip, QPoint(static_cast<int>(std::round(fault)), 200),
                        open.overlay().mapToGlobal(QPoint(static_cast<int>(std::round(fault)), 200)));
        QApplication::sendEvent(&open.overlay(), &help);
        CHECK(QToolTip::text().contains(QStringLiteral("upstream outage for 30 s")));
        CHECK(QToolTip::text().contains(QStringLiteral("+1 h 00 min")));
        CHECK(open.overlay().toolTipAt(QPoint(static_cast<int>(fault) + 40, 200)).isEmpty());

        // Zoomed into the second hour, only the events inside it remain.
        open.view.zoom(kStartMs + 5'400'000, 1.0 / 3);
        CHECK(open.overlay().markers().size() == 2);
    }

    SECTION("the endurance view states a leak and the projected time to the memory limit for a leaking run") {
        OpenView open(runs().leaking);
        const QString text = open.view.trendText();
        CHECK(text.contains(QStringLiteral(">Leak<")));
        // 4 GiB at 6 MiB/h from about 218 MiB at the end: (4096 - 218) / 6 ≈ 646 h.
        const QRegularExpression hours(QStringLiteral("memory limit in about ([0-9,.]+) h"));
        const auto match = hours.match(text);
        REQUIRE(match.hasMatch());
        CHECK(match.captured(1).remove(QLatin1Char(',')).toDouble() == Approx(646).epsilon(0.05));
        CHECK(text.contains(QStringLiteral("4.0 GiB")));
        const auto trend = open.view.chart(EnduranceChart::Memory)->drawnPoints(QStringLiteral("RSS trend"));
        REQUIRE(trend.size() == 2);
        CHECK(trend.back().y() - trend.front().y() == Approx(18).epsilon(0.1)); // 3 h at 6 MiB/h
    }

    SECTION("the endurance view finds no leak in a flat run") {
        OpenView open(runs().flat);
        const QString text = open.view.trendText();
        CHECK(text.contains(QStringLiteral(">No leak<")));
        CHECK_FALSE(text.contains(QStringLiteral("memory limit in about")));
    }

    SECTION("a run superseded while loading never shows in the endurance view") {
        test::FileStoreRequests requests(runs().file);
        EnduranceView view(requests);
        view.resize(1400, 900);
        view.show();
        REQUIRE(QTest::qWaitForWindowExposed(&view));
        QSignalSpy shown(&view, &EnduranceView::sliceShown);
        QSignalSpy loading(&view, &EnduranceView::loadingChanged);
        view.showRun(runs().leaking);
        view.showRun(runs().flat);
        CHECK(view.isLoading());
        REQUIRE(!loading.isEmpty());
        CHECK(loading.first().first().toBool());
        REQUIRE(QTest::qWaitFor([&] { return !view.isLoading(); }, 20'000));
        QTest::qWait(200); // a late result of the first request would land by now
        REQUIRE(!shown.isEmpty());
        for (const auto& signal : shown)
            CHECK(signal.first().value<std::int64_t>() == runs().flat);
        CHECK(view.headerText().contains(QStringLiteral("flat soak")));
        // The flat run sits near 800 MiB, the leaking one near 200: nothing of the latter is drawn.
        for (const QPointF& p : view.chart(EnduranceChart::Memory)->drawnPoints(QStringLiteral("RSS")))
            CHECK(p.y() > 700);
    }
}
