// The questions about a run going on, on a real X display (run under xvfb-run) over the window at 1280x720:
// Stop of a soak started hours ago, and closing the window during it. The grabs (window and question
// together) are saved to screenshots/stop-confirmation.png and screenshots/close-during-run.png.
#include <catch2/catch.hpp>

#include "app/gui/main_window.h"
#include "app/gui/run_session.h"
#include "tests/app/gui/screenshot.h"
#include "tests/widgets/compared_runs.h"

#include <QMessageBox>
#include <QScreen>
#include <QTemporaryDir>
#include <QTest>

using namespace perflab;

namespace {

// The window and the question above it, as the screen shows them.
QImage grabWithQuestion(MainWindow& window, QMessageBox& question) {
    REQUIRE(QTest::qWaitForWindowExposed(&question));
    QTest::qWait(300);
    const QRect area = window.frameGeometry().united(question.frameGeometry());
    return window.screen()
        ->grabWindow(0, area.x(), area.y(), area.width(), area.height())
        .toImage()
        .convertToFormat(QImage::Format_RGB32);
}

} // namespace

TEST_CASE("the questions before stopping a long run and closing during it read fully at 1280x720",
          "[run-end]") {
    QTemporaryDir dir;
    REQUIRE(dir.isValid());
    const std::filesystem::path db = dir.filePath(QStringLiteral("runs.db")).toStdString();
    {
        // A soak started 3 h 12 min ago and still going: its process is this one, alive, so the window
        // follows it.
        RunStore store(db);
        writeShapedRun(store,
                       test::RunShape{.name = "knowledge overnight soak",
                                      .requestsPerSecond = 900,
                                      .kind = TestKind::Soak,
                                      .status = RunStatus::Running,
                                      .startMs = epochMsNow() - (3 * 60 + 12) * 60'000},
                       120);
    }
    MainWindow window(GuiOptions{.db = db, .runId = 0, .perflabExecutable = {}});
    window.resize(1280, 720); // its minimum width (the dashboard's) may keep it wider
    window.show();
    REQUIRE(QTest::qWaitForWindowExposed(&window));
    REQUIRE(QTest::qWaitFor([&] { return window.session()->isActive() && window.session()->run(); }, 10'000));

    window.requestEnd(RunEnding::Stop);
    QMessageBox* stop = window.endConfirmation();
    REQUIRE(stop);
    CHECK(stop->text().contains(QStringLiteral("started 3 h 12 min")));
    const QImage stopImage = grabWithQuestion(window, *stop);
    CHECK(test::colourStats(stopImage).distinct >= 64);
    test::save(stopImage, QStringLiteral("stop-confirmation.png"));
    stop->reject();

    CHECK_FALSE(window.close());
    QMessageBox* notice = window.closeNotice();
    REQUIRE(notice);
    const QImage closeImage = grabWithQuestion(window, *notice);
    test::save(closeImage, QStringLiteral("close-during-run.png"));
    notice->reject();
    QTest::qWait(100);
    CHECK(window.isVisible());
    CHECK(window.session()->isActive()); // nothing was sent to the run (this process)
}
