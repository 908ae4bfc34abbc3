// The main window on the Endurance page with a 72-hour soak (run under xvfb-run): it paints the whole run
// with its bands, markers and leak verdict, and again zoomed in by the wheel; the grabs are saved to
// screenshots/endurance.png and screenshots/endurance_zoomed.png for people to look at.
#include <catch2/catch.hpp>

#include "app/gui/main_window.h"
#include "bench/soak_simulation.h"
#include "tests/app/gui/screenshot.h"
#include "tests/widgets/qt_scratch_session.h"
#include "widgets/endurance/endurance_overlay.h"
#include "widgets/endurance/endurance_view.h"

#include <QApplication>
#include <QDir>
#include <QImage>
#include <QListWidget>
#include <QPixmap>
#include <QScreen>
#include <QTemporaryDir>
#include <QTest>
#include <QWheelEvent>
#include <QWindow>

#include <malloc.h>

using namespace perflab;
using perflab::test::grab;
using perflab::test::save;

namespace {

constexpr std::int64_t kStartMs = 1'790'000'000'000;
constexpr int kHours = 72;

} // namespace

TEST_CASE(
    "the Endurance page shows a 72-hour soak whole and zoomed, with bands, markers and the leak verdict",
    "[endurance]") {
    // Written on tmpfs when there is one: 259,200 seconds go in at once here, not one a second.
    QTemporaryDir dir(QDir(QStringLiteral("/dev/shm")).exists() ? QStringLiteral("/dev/shm/perflab-XXXXXX")
                                                                : QString());
    REQUIRE(dir.isValid());
    const std::filesystem::path db = dir.filePath(QStringLiteral("runs.db")).toStdString();
    std::int64_t id = 0;
    {
        RunStore store(db);
        id = bench::writeSoak(store, kStartMs, kHours, 2.0 * 1024 * 1024); // a slow leak: 2 MiB/h
    }

    MainWindow window(GuiOptions{.db = db, .runId = id, .perflabExecutable = {}});
    window.resize(1600, 1000);
    window.show();
    REQUIRE(QTest::qWaitForWindowExposed(&window));
    auto* sideBar = window.findChild<QListWidget*>();
    REQUIRE(sideBar);
    const auto items = sideBar->findItems(QStringLiteral("Endurance"), Qt::MatchExactly);
    REQUIRE(items.size() == 1);
    sideBar->setCurrentItem(items.front());
    auto* view = window.findChild<EnduranceView*>();
    REQUIRE(view);
    REQUIRE(QTest::qWaitFor([&] { return view->runId() == id && !view->isLoading(); }, 60'000));
    CHECK(view->extent().span() == std::int64_t{kHours} * 3'600'000);
    CHECK(view->trendText().contains(QStringLiteral(">Leak<")));
    CHECK(view->overlay()->markers().size() == 24); // the stage and 23 faults
    QTest::qWait(700);                              // let the charts' scenes repaint

    const QImage whole = grab(window);
    CHECK(whole.width() >= 1600);
    CHECK(test::colourStats(whole).distinct >= 200); // text, bands, lines: not a flat fill
    save(whole, QStringLiteral("endurance.png"));

    // Four notches of the wheel a third of the way in: about 30 hours around the cursor, re-read finer.
    EnduranceOverlay& overlay = *view->overlay();
    const QPointF at(overlay.plotSpan().left() + overlay.plotSpan().width() / 3,
                     overlay.plotSpan().center().y());
    QWheelEvent wheel(at, overlay.mapToGlobal(at), QPoint(), QPoint(0, 480), Qt::NoButton, Qt::NoModifier,
                      Qt::NoScrollPhase, false);
    QApplication::sendEvent(&overlay, &wheel);
    QTest::mouseMove(&overlay, at.toPoint());
    REQUIRE(QTest::qWaitFor([&] { return !view->isLoading(); }, 30'000));
    CHECK(view->visibleWindow().span() < std::int64_t{kHours} * 3'600'000 / 2);
    QTest::qWait(700);
    save(grab(window), QStringLiteral("endurance_zoomed.png"));
}
