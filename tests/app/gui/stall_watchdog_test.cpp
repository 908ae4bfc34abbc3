// The stall watchdog measures how late the UI thread handles events, and the window never holds its UI
// thread over 50 ms during a 10,000-user run with the dashboard updating.
#include "app/gui/stall_watchdog.h"

#include "app/gui/main_window.h"
#include "app/gui/run_session.h"
#include "tests/app/gui/gui_wait.h"
#include "widgets/dashboard/dashboard.h"
#include "widgets/setup/control_panel.h"

#include <catch2/catch.hpp>

#include <QEventLoop>
#include <QLineEdit>
#include <QListWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <iostream>
#include <thread>

using namespace perflab;
using namespace std::chrono_literals;

// The stall measured starts when the watchdog's thread posts its ping, a few ms into the block (later still
// when other tests keep the cores busy): the bounds leave it 50 ms.
TEST_CASE("a UI thread blocked for 200 ms shows as a stall of most of that time") {
    StallWatchdog watchdog;
    REQUIRE(test::waitUntil([&] { return watchdog.pings() >= 3; }, 5000));
    std::this_thread::sleep_for(200ms); // the UI thread does nothing else meanwhile
    const std::uint64_t before = watchdog.pings();
    REQUIRE(test::waitUntil([&] { return watchdog.pings() > before; }, 5000));
    CHECK(watchdog.worstStall() >= 150ms);
    CHECK(watchdog.worstOwnStall() >= 140ms); // asleep: the app's own doing, not the machine's load
    CHECK(watchdog.worstBusyStall() < 100ms); // but not working
    CHECK(watchdog.longStalls() >= 1);
    watchdog.reset();
    CHECK(watchdog.worstStall() == 0us);
}

// Hidden from the test list: CTest runs it on its own (RUN_SERIAL), as a wall-clock bound needs the machine's
// two cores to hold only the window and its run.
TEST_CASE("the window never stalls over 50 ms while it follows a 10,000-user run", "[.][stall]") {
    QTemporaryDir dir;
    REQUIRE(dir.isValid());
    MainWindow window(GuiOptions{.db = dir.filePath(QStringLiteral("runs.db")).toStdString(),
                                 .runId = 0,
                                 .perflabExecutable = PERFLAB_EXECUTABLE});
    window.resize(1600, 1000);
    window.show();
    REQUIRE(QTest::qWaitForWindowExposed(&window));
    Scenario s;
    s.name = "10k users";
    s.target.engine =
        EngineTarget{.engine = "knowledge", .variant = "optimized", .via = Via::Call, .body = {}};
    s.workload.stages = {{2s, 10'000}, {8s, 10'000}};
    // Each user sends once a second: 10,000 req/s leave the two cores some room, so what is measured is the
    // window, not a machine that the run keeps saturated (unpaced, the engine's threads and the generator
    // would take both cores, and any thread then waits its turn for a CPU).
    s.workload.pacing = 1s;

    const StallWatchdog watchdog;
    window.startRun(s);
    REQUIRE(window.session()->isActive());
    auto* sideBar = window.findChild<QListWidget*>();
    QLineEdit* name = window.controls()->nameField();
    // The window runs its own event loop, as in the app, while a person uses it and the dashboard updates:
    // every 300 ms switch pages (a full repaint of the dashboard's charts or of the form) and type.
    QEventLoop loop;
    QTimer person;
    int step = 0;
    QObject::connect(&person, &QTimer::timeout, [&] {
        ++step;
        sideBar->setCurrentRow(step % 2);
        QTest::keyClick(name, Qt::Key_A);
    });
    bool ended = false;
    QObject::connect(window.session(), &RunSession::runFinished, &loop, [&] {
        ended = true;
        loop.quit();
    });
    QObject::connect(window.session(), &RunSession::failed, &loop, &QEventLoop::quit);
    QTimer::singleShot(90'000, &loop, &QEventLoop::quit);
    person.start(300);
    loop.exec();
    person.stop();
    REQUIRE(ended);
    const std::size_t rows = window.dashboard()->rows().size();
    std::cout << "stall watchdog: worst UI-thread stall " << watchdog.worstStall().count() / 1000.0
              << " ms wall-clock (" << watchdog.worstOwnStall().count() / 1000.0
              << " ms not counting waits for a CPU); worst CPU burst "
              << watchdog.worstBusyStall().count() / 1000.0 << " ms; " << watchdog.longStalls() << " of "
              << watchdog.pings() << " pings waited over 50 ms; " << rows << " rows shown\n";
    CHECK(rows >= 8);
    CHECK(watchdog.pings() > 100);
    // The sanitizers make every instruction several times slower, so the bound holds for the product's
    // (Release) build only; the sanitizer build still drives the whole path for memory errors.
#if !defined(__SANITIZE_ADDRESS__)
    // Wall-clock, as a user sees it: this includes the time the run's 10,000 users kept both cores busy.
    CHECK(watchdog.worstStall() < 50ms);
#endif
}
