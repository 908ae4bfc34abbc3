// RunStatusBar: elapsed, remaining and progress follow the run's start and its scenario's planned length.
#include "widgets/window/run_status_bar.h"

#include "model/scenario/scenario.h"
#include "tests/widgets/paint_count.h"

#include <catch2/catch.hpp>

#include <QDateTime>
#include <QLocale>
#include <QTest>
#include <QVBoxLayout>

using namespace perflab;

namespace {

RunInfo runningFor(std::chrono::seconds planned) {
    Scenario s;
    s.name = "soak";
    s.target.engine =
        EngineTarget{.engine = "analytics", .variant = "baseline", .via = Via::Call, .body = {}};
    s.workload.stages = {{planned, 4}};
    return {.id = 3,
            .name = "soak",
            .kind = TestKind::Soak,
            .status = RunStatus::Running,
            .startedMs = 1'000'000,
            .endedMs = 0,
            .pid = 1,
            .scenarioJson = toJson(s),
            .summaryJson = {}};
}

} // namespace

TEST_CASE("a running run shows elapsed and remaining time and its share done") {
    RunStatusBar bar;
    bar.showRun(runningFor(std::chrono::hours(2)));
    bar.showTimeAt(1'000'000 + 30 * 60 * 1000 + 5000);
    CHECK(bar.timeText().contains(QStringLiteral("elapsed 0:30:05")));
    CHECK(bar.timeText().contains(QStringLiteral("remaining 1:29:55")));
    CHECK(bar.progressPercent() == 25);
}

TEST_CASE("a finished run shows its final duration whatever the clock says") {
    RunStatusBar bar;
    RunInfo run = runningFor(std::chrono::minutes(10));
    run.status = RunStatus::Passed;
    run.endedMs = run.startedMs + 10 * 60 * 1000;
    bar.showRun(run);
    bar.showTimeAt(run.endedMs + 3'600'000);
    CHECK(bar.timeText() == QStringLiteral("elapsed 0:10:00"));
    CHECK(bar.progressPercent() == 100);
}

TEST_CASE("a running run shows the clock time it is planned to end at") {
    RunStatusBar bar;
    RunInfo run = runningFor(std::chrono::minutes(90));
    run.startedMs = QDateTime(QDate(2026, 11, 29), QTime(9, 0)).toMSecsSinceEpoch();
    bar.showRun(run);
    bar.showTimeAt(run.startedMs + 10 * 60 * 1000);
    CHECK(bar.timeText().contains(QStringLiteral("ETA ") +
                                  QLocale().toString(QTime(10, 30), QLocale::ShortFormat)));
}

TEST_CASE(
    "the progress of a run is painted with the window's next paint, not at once with all else waiting") {
    // A window whose chart area waits to be painted (a page just switched to) when the progress moves on.
    QWidget window;
    auto* waiting = new QWidget;
    waiting->setMinimumSize(400, 300);
    auto* bar = new RunStatusBar;
    auto* layout = new QVBoxLayout(&window);
    layout->addWidget(waiting);
    layout->addWidget(bar);
    const RunInfo run = runningFor(std::chrono::minutes(10));
    bar->showRun(run);
    window.show();
    REQUIRE(QTest::qWaitForWindowExposed(&window));
    QTest::qWait(50);
    test::PaintCount counter(*waiting);
    waiting->update();
    bar->showTimeAt(run.startedMs + 5 * 60 * 1000);
    CHECK(bar->progressPercent() == 50);
    CHECK(counter.paints ==
          0); // QProgressBar::setValue alone would have painted the waiting area inside this call
    QTest::qWait(50);
    CHECK(counter.paints == 1);
}
