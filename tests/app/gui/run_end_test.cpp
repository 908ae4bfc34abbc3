// How a run started from the window ends: Stop and Abort store `stopped` and `aborted`, a run started minutes
// ago asks first, no key pressed in an input ends a run (Esc in the History filter clears the filter), and
// closing the window during a run says that it goes on. Real `perflab run` processes on a scratch store.
#include "app/gui/main_window.h"

#include "app/gui/run_session.h"
#include "model/results/summary.h"
#include "tests/app/gui/gui_wait.h"
#include "widgets/dashboard/dashboard.h"
#include "widgets/history/history_page.h"
#include "widgets/setup/control_panel.h"
#include "widgets/window/run_status_bar.h"

#include <catch2/catch.hpp>

#include <QAbstractSpinBox>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace perflab;

namespace {

// A minute of two virtual users: far longer than any test waits.
Scenario minuteLoad(const std::string& name) {
    Scenario s;
    s.name = name;
    s.target.engine =
        EngineTarget{.engine = "analytics", .variant = "optimized", .via = Via::Call, .body = {}};
    s.workload.stages = {{std::chrono::milliseconds(500), 2}, {std::chrono::seconds(60), 2}};
    return s;
}

struct Scratch {
    QTemporaryDir dir;
    std::filesystem::path db = dir.filePath(QStringLiteral("runs.db")).toStdString();
    GuiOptions options() const { return {.db = db, .runId = 0, .perflabExecutable = PERFLAB_EXECUTABLE}; }
    std::optional<RunInfo> stored(std::int64_t id) const {
        return RunStore(db, RunStore::Mode::ReadOnly).run(id);
    }
};

QAction* action(const MainWindow& window, const QString& text) {
    for (QAction* a : window.findChildren<QAction*>())
        if (a->text() == text)
            return a;
    FAIL("no action " << text.toStdString());
    return nullptr;
}

void showPage(MainWindow& window, const QString& name) {
    auto* sideBar = window.findChild<QListWidget*>();
    sideBar->setCurrentItem(sideBar->findItems(name, Qt::MatchExactly).front());
}

QAbstractButton* button(const QMessageBox& box, const QString& text) {
    for (QAbstractButton* b : box.buttons())
        if (b->text() == text)
            return b;
    FAIL("no button " << text.toStdString() << " in " << box.text().toStdString());
    return nullptr;
}

// A window following a run it started; the run is aborted if the test leaves it going.
struct LiveWindow {
    Scratch scratch;
    MainWindow window{scratch.options()};
    std::int64_t runId = 0;

    explicit LiveWindow(const std::string& name) {
        window.resize(1280, 720);
        window.show();
        REQUIRE(QTest::qWaitForWindowExposed(&window));
        window.startRun(minuteLoad(name));
        REQUIRE(test::waitUntil([&] { return window.session()->run().has_value(); }, 30'000));
        runId = window.session()->runId();
    }
    ~LiveWindow() {
        if (window.session()->isActive())
            window.session()->abort();
        test::waitUntil([&] { return !window.session()->isActive(); }, 10'000);
    }
    // Still going a while after whatever the test did: a stop would have ended it within this time.
    bool goesOn() {
        QTest::qWait(1500);
        const auto run = scratch.stored(runId);
        return window.session()->isActive() && run && run->status == RunStatus::Running;
    }
    RunInfo waitForEnd() {
        REQUIRE(test::waitUntil([&] { return !window.session()->isActive(); }, 20'000));
        return *scratch.stored(runId);
    }
};

// Every input of the page shown: line edits, spin boxes and combo boxes that take the focus.
std::vector<QWidget*> inputsOf(QWidget* page) {
    std::vector<QWidget*> inputs;
    for (QWidget* w : page->findChildren<QWidget*>())
        if ((qobject_cast<QLineEdit*>(w) || qobject_cast<QAbstractSpinBox*>(w) ||
             qobject_cast<QComboBox*>(w)) &&
            w->isVisible() && w->isEnabled() && w->focusPolicy() != Qt::NoFocus)
            inputs.push_back(w);
    return inputs;
}

void pressKeys(QWidget* input) {
    input->setFocus();
    for (const Qt::Key key :
         {Qt::Key_Escape, Qt::Key_Return, Qt::Key_Delete, Qt::Key_Backspace, Qt::Key_Escape}) {
        QWidget* focus = QApplication::focusWidget() ? QApplication::focusWidget() : input;
        QTest::keyClick(focus, key);
    }
}

} // namespace

TEST_CASE("Esc in the History filter clears the filter and the run goes on") {
    LiveWindow live("esc in the filter");
    showPage(live.window, QStringLiteral("History"));
    QLineEdit* filter = live.window.findChild<HistoryPage*>()->filterField();
    filter->setFocus();
    QTest::keyClicks(filter, "soak");
    QTest::keyClick(filter, Qt::Key_Escape);
    CHECK(filter->text().isEmpty());
    CHECK(live.goesOn());
}

TEST_CASE("no key pressed in an input of any page, table cell editors included, ends a run") {
    LiveWindow live("keys in inputs");
    auto* pages = live.window.findChild<QStackedWidget*>();
    int pressed = 0;
    for (int page = 0; page < pages->count(); ++page) {
        live.window.findChild<QListWidget*>()->setCurrentRow(page);
        QCoreApplication::processEvents();
        for (QWidget* input : inputsOf(pages->widget(page))) {
            pressKeys(input);
            ++pressed;
        }
    }
    CHECK(pressed >= 10);
    showPage(live.window, QStringLiteral("Test setup"));
    auto* stages = live.window.controls()->findChild<QTableWidget*>();
    REQUIRE(stages);
    stages->setFocus();
    stages->setCurrentCell(0, 0);
    stages->editItem(stages->item(0, 0));
    REQUIRE(qobject_cast<QLineEdit*>(QApplication::focusWidget())); // the cell's editor
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Escape);
    CHECK(live.window.endConfirmation() == nullptr);
    CHECK(live.goesOn());
}

TEST_CASE(
    "Stop ends a short run at once as stopped and Abort as aborted: store, summary and status bar agree") {
    const auto [ending, expected] = GENERATE(
        table<RunEnding, std::string>({{RunEnding::Stop, "stopped"}, {RunEnding::Abort, "aborted"}}));
    LiveWindow live(expected + " from the window");
    REQUIRE(test::waitUntil([&] { return !live.window.dashboard()->rows().empty(); }, 10'000));
    // Test setup's Stop button and the tool bar's Abort go the same way as the other of each.
    if (ending == RunEnding::Stop) {
        showPage(live.window, QStringLiteral("Test setup"));
        QPushButton* stop = nullptr;
        for (QPushButton* b : live.window.controls()->findChildren<QPushButton*>())
            if (b->text() == QStringLiteral("Stop"))
                stop = b;
        REQUIRE(stop);
        QTest::mouseClick(stop, Qt::LeftButton);
    } else {
        action(live.window, QStringLiteral("Abort"))->trigger();
    }
    CHECK(live.window.endConfirmation() == nullptr); // started seconds ago: nothing to ask
    const RunInfo run = live.waitForEnd();
    CHECK(std::string(toString(run.status)) == expected);
    const Summary summary = summaryFromJson(run.summaryJson);
    CHECK(std::string(toString(summary.status)) == expected);
    CHECK(summary.abortReason == (ending == RunEnding::Abort ? "by request" : ""));
    bool shown = false;
    for (QLabel* label : live.window.runStatusBar()->findChildren<QLabel*>())
        shown = shown || label->text() == QString::fromStdString(expected);
    CHECK(shown);
}

TEST_CASE(
    "Stop or Abort of a run started minutes ago asks first: Keep running keeps it, Stop the run stops it") {
    Scratch scratch;
    const Scenario s = minuteLoad("started minutes ago");
    std::int64_t id = 0;
    { // an aborted run begun five minutes ago, taken up again below as `perflab run --resume` does
        RunStore store(scratch.db);
        id = store.beginRun(s.name, s.kind, toJson(s), epochMsNow() - 5 * 60'000);
        store.finishRun(id, RunStatus::Aborted, "", epochMsNow() - 4 * 60'000);
    }
    QProcess resumed;
    resumed.start(QStringLiteral(PERFLAB_EXECUTABLE),
                  {QStringLiteral("run"), QStringLiteral("--resume"), QString::number(id),
                   QStringLiteral("--db"), QString::fromStdString(scratch.db.string()),
                   QStringLiteral("--metrics"), QStringLiteral("off"), QStringLiteral("--quiet")});
    REQUIRE(resumed.waitForStarted());
    REQUIRE(test::waitUntil([&] { return scratch.stored(id)->status == RunStatus::Running; }, 30'000));

    MainWindow window(scratch.options()); // reattaches to the run still going
    window.show();
    REQUIRE(test::waitUntil([&] { return window.session()->isActive() && window.session()->run(); }, 10'000));
    const auto answer = [&](const QString& keep) {
        QMessageBox* box = window.endConfirmation();
        REQUIRE(box);
        QTest::mouseClick(button(*box, keep), Qt::LeftButton);
        QTest::qWait(1500);
        CHECK(window.endConfirmation() == nullptr);
        CHECK(resumed.state() == QProcess::Running);
    };

    action(window, QStringLiteral("Stop"))->trigger();
    REQUIRE(window.endConfirmation());
    CHECK(window.endConfirmation()->text().contains(QStringLiteral("started 5 min")));
    CHECK(window.endConfirmation()->text().contains(QStringLiteral("stored as stopped")));
    answer(QStringLiteral("Keep running"));
    action(window, QStringLiteral("Abort"))->trigger();
    REQUIRE(window.endConfirmation());
    CHECK(window.endConfirmation()->text().contains(QStringLiteral("stored as aborted")));
    answer(QStringLiteral("Keep running"));

    action(window, QStringLiteral("Stop"))->trigger();
    REQUIRE(window.endConfirmation());
    QTest::mouseClick(button(*window.endConfirmation(), QStringLiteral("Stop the run")), Qt::LeftButton);
    REQUIRE(resumed.waitForFinished(20'000));
    CHECK(resumed.exitCode() == 4);
    CHECK(scratch.stored(id)->status == RunStatus::Stopped);
}

TEST_CASE("closing the window during a run says it goes on and how to come back; the run goes on") {
    LiveWindow live("outlives a closed window");
    CHECK_FALSE(live.window.close());
    QMessageBox* notice = live.window.closeNotice();
    REQUIRE(notice);
    CHECK(notice->text().contains(QStringLiteral("goes on after this window closes")));
    CHECK(notice->text().contains(QStringLiteral("open Perflab again")));
    QTest::mouseClick(button(*notice, QStringLiteral("Keep the window open")), Qt::LeftButton);
    CHECK(live.window.isVisible());

    CHECK_FALSE(live.window.close());
    REQUIRE(live.window.closeNotice());
    QTest::mouseClick(button(*live.window.closeNotice(), QStringLiteral("Close the window")), Qt::LeftButton);
    CHECK_FALSE(live.window.isVisible());
    CHECK(live.goesOn());

    MainWindow again(live.scratch.options());
    CHECK(test::waitUntil([&] { return again.session()->runId() == live.runId; }, 10'000));
    again.session()->stop();
    REQUIRE(test::waitUntil([&] { return !again.session()->isActive(); }, 20'000));
    CHECK(live.scratch.stored(live.runId)->status == RunStatus::Stopped);
}
