// The History and Compare pages on a real X display (run under xvfb-run) at 1600x1000: a store of several
// runs listed with their figures, and two of them compared; the grabs are saved to screenshots/history.png
// and screenshots/compare.png for people to look at.
#include <catch2/catch.hpp>

#include "app/gui/main_window.h"
#include "tests/app/gui/screenshot.h"
#include "tests/widgets/compared_runs.h"
#include "tests/widgets/qt_scratch_session.h"
#include "widgets/history/compare_page.h"
#include "widgets/history/history_page.h"
#include "widgets/history/run_history_model.h"

#include <QApplication>
#include <QDir>
#include <QListWidget>
#include <QPixmap>
#include <QScreen>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QWindow>

using namespace perflab;
using perflab::test::grab;
using perflab::test::RunShape;
using perflab::test::save;

namespace {

void showPage(QWidget& window, const QString& name) {
    auto* sideBar = window.findChild<QListWidget*>();
    REQUIRE(sideBar);
    const auto items = sideBar->findItems(name, Qt::MatchExactly);
    REQUIRE(items.size() == 1);
    sideBar->setCurrentItem(items.front());
}

} // namespace

TEST_CASE("the History and Compare pages list and compare stored runs readably at 1600x1000", "[history]") {
    QTemporaryDir dir;
    REQUIRE(dir.isValid());
    const std::filesystem::path db = dir.filePath(QStringLiteral("runs.db")).toStdString();
    std::int64_t baseline = 0, optimized = 0;
    {
        RunStore store(db);
        baseline = writeShapedRun(store, RunShape{.name = "knowledge baseline variant",
                                                  .requestsPerSecond = 1000,
                                                  .latencyScale = 2.0,
                                                  .errorsPerSecond = 3,
                                                  .cpuPercent = 45,
                                                  .kind = TestKind::Load,
                                                  .engine = "knowledge",
                                                  .variant = "baseline",
                                                  .status = RunStatus::Passed});
        const auto shape = [](std::string name, std::uint64_t rps, double latency, std::uint64_t errors,
                              TestKind kind, std::string engine, RunStatus status) {
            return RunShape{.name = std::move(name),
                            .requestsPerSecond = rps,
                            .latencyScale = latency,
                            .errorsPerSecond = errors,
                            .cpuPercent = 30 + static_cast<double>(rps) / 250,
                            .kind = kind,
                            .engine = std::move(engine),
                            .variant = "optimized",
                            .status = status};
        };
        writeShapedRun(store, shape("knowledge after the planner fix", 2600, 1.1, 1, TestKind::Load,
                                    "knowledge", RunStatus::Passed));
        optimized = writeShapedRun(store, shape("knowledge optimized with result cache", 5000, 0.9, 0,
                                                TestKind::Load, "knowledge", RunStatus::Passed));
        writeShapedRun(store,
                       shape("analytics kernels, stress steps", 12000, 0.4, 0, TestKind::Stress, "analytics",
                             RunStatus::Passed),
                       60);
        writeShapedRun(store,
                       shape("orchestrator best-fit placement", 800, 2.1, 40, TestKind::Load, "orchestrator",
                             RunStatus::Failed),
                       45);
        writeShapedRun(store,
                       shape("integration pool, upstream outage", 1500, 3.5, 120, TestKind::Load,
                             "integration", RunStatus::Aborted),
                       90);
        writeShapedRun(
            store,
            shape("knowledge overnight soak", 900, 1.2, 0, TestKind::Soak, "knowledge", RunStatus::Running),
            120);
        store.markBaseline(baseline);
    }

    MainWindow window(GuiOptions{.db = db, .runId = 0, .perflabExecutable = {}});
    window.resize(1600, 1000);
    window.show();
    REQUIRE(QTest::qWaitForWindowExposed(&window));
    showPage(window, QStringLiteral("History"));
    auto* history = window.findChild<HistoryPage*>();
    REQUIRE(history);
    REQUIRE(QTest::qWaitFor([&] { return history->model()->rowCount() == 7; }, 10'000));
    history->selectRun(optimized);
    QTest::qWait(400);
    const QImage historyImage = grab(window);
    CHECK(historyImage.width() >= 1600);
    CHECK(test::colourStats(historyImage).distinct >= 64);
    save(historyImage, QStringLiteral("history.png"));

    auto* compare = window.findChild<ComparePage*>();
    REQUIRE(compare);
    history->compareSelectedWithBaseline();
    REQUIRE(QTest::qWaitFor([&] { return compare->isVisible() && compare->verdictText() == "IMPROVED"; },
                            10'000));
    QTest::qWait(600); // the chart's scene repaints after the data landed
    const QImage compareImage = grab(window);
    CHECK(test::colourStats(compareImage).distinct >= 64);
    save(compareImage, QStringLiteral("compare.png"));
}
