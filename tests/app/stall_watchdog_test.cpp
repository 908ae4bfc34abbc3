// The stall watchdog measures how late the UI thread handles events, and the window stays under 50 ms
// during a 10,000-user run with the dashboard updating.
#include "app/stall_watchdog.h"

#include "app/main_window.h"
#include "app/run_session.h"
#include "tests/app/gui_wait.h"
#include "widgets/control_panel.h"
#include "widgets/dashboard.h"

#include <catch2/catch.hpp>

#include <QLineEdit>
#include <QListWidget>
#include <QTemporaryDir>
#include <QTest>

#include <iostream>
#include <thread>

using namespace perflab;
using namespace std::chrono_literals;

TEST_CASE("a UI thread blocked for 120 ms shows as a stall at least that long") {
    StallWatchdog watchdog;
    REQUIRE(test::waitUntil([&] { return watchdog.pings() >= 3; }, 5000));
    std::this_thread::sleep_for(120ms); // the UI thread does nothing else meanwhile
    const std::uint64_t before = watchdog.pings();
    REQUIRE(test::waitUntil([&] { return watchdog.pings() > before; }, 5000));
    CHECK(watchdog.worstStall() >= 110ms);
    CHECK(watchdog.longStalls() >= 1);
    watchdog.reset();
    CHECK(watchdog.worstStall() == 0us);
}

TEST_CASE("the window never stalls over 50 ms while it follows a 10,000-user run") {
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
    s.target.engine = EngineTarget{.engine = "knowledge", .variant = "optimized", .via = Via::Call, .body = {}};
    s.workload.stages = {{2s, 10'000}, {8s, 10'000}};

    const StallWatchdog watchdog;
    window.startRun(s);
    REQUIRE(window.session()->isActive());
    auto* sideBar = window.findChild<QListWidget*>();
    QLineEdit* name = window.controls()->nameField();
    // Use the window as a person would while the dashboard updates: switch pages, type, resize.
    int step = 0;
    const bool ended = test::waitUntil(
        [&] {
            if (++step % 15 == 0) {
                sideBar->setCurrentRow(step / 15 % 2);
                QTest::keyClick(name, Qt::Key_A);
                window.resize(1600 - step % 2 * 40, 1000);
            }
            return !window.session()->isActive();
        },
        90'000);
    REQUIRE(ended);
    const std::size_t rows = window.dashboard()->rows().size();
    const auto worst = std::chrono::duration_cast<std::chrono::microseconds>(watchdog.worstStall());
    std::cout << "stall watchdog: worst UI-thread stall " << worst.count() / 1000.0 << " ms over " << watchdog.pings()
              << " pings, " << rows << " rows shown\n";
    CHECK(rows >= 8);
    CHECK(watchdog.pings() > 500);
    CHECK(watchdog.worstStall() < 50ms);
    CHECK(watchdog.longStalls() == 0);
}
