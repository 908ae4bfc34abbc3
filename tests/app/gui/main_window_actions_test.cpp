// The main window's desktop conventions: shortcuts, About, and state kept in QSettings between starts.
#include "app/gui/main_window.h"

#include "app/gui/run_session.h"
#include "tests/app/gui/gui_wait.h"
#include "widgets/setup/control_panel.h"
#include "widgets/window/about_dialog.h"

#include <catch2/catch.hpp>

#include <QAction>
#include <QApplication>
#include <QFile>
#include <QFileDialog>
#include <QLabel>
#include <QListWidget>
#include <QMessageBox>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace perflab;

namespace {

QAction* actionFor(const MainWindow& window, const QKeySequence& keys) {
    for (QAction* action : window.findChildren<QAction*>())
        if (action->shortcut() == keys)
            return action;
    return nullptr;
}

Scenario shortKnowledgeLoad(const std::string& name) {
    Scenario s;
    s.name = name;
    s.target.engine =
        EngineTarget{.engine = "knowledge", .variant = "optimized", .via = Via::Call, .body = {}};
    s.workload.stages = {{std::chrono::seconds(5), 4}};
    return s;
}

struct ScratchStore {
    QTemporaryDir dir;
    GuiOptions options() const {
        return {
            .db = dir.filePath(QStringLiteral("runs.db")).toStdString(), .runId = 0, .perflabExecutable = {}};
    }
};

void showActive(MainWindow& window) {
    window.show();
    window.activateWindow();
    REQUIRE(QTest::qWaitForWindowActive(&window));
}

// Closes the next modal dialog (a file dialog) once it shows.
void closeNextModal() {
    auto* poll = new QTimer(qApp);
    QObject::connect(poll, &QTimer::timeout, poll, [poll] {
        if (QWidget* modal = QApplication::activeModalWidget()) {
            modal->close();
            poll->deleteLater();
        }
    });
    poll->start(50);
}

} // namespace

TEST_CASE("Ctrl+R, Ctrl+E, Ctrl+O and Ctrl+S trigger Run, Export, Open and Save; no key stops or aborts") {
    ScratchStore store;
    REQUIRE(store.dir.isValid());
    const QString saved = store.dir.filePath(QStringLiteral("saved.json"));
    QSettings().setValue(QStringLiteral("scenario/file"), saved);
    MainWindow window(store.options());
    showActive(window);

    QAction* run = actionFor(window, QKeySequence(Qt::CTRL | Qt::Key_R));
    QAction* exportPdf = actionFor(window, QKeySequence(Qt::CTRL | Qt::Key_E));
    QAction* open = actionFor(window, QKeySequence::Open);
    QAction* save = actionFor(window, QKeySequence::Save);
    REQUIRE((run && exportPdf && open && save));
    CHECK(actionFor(window, QKeySequence(Qt::Key_Escape)) == nullptr);
    for (QAction* action : window.findChildren<QAction*>())
        if (action->text() == QStringLiteral("Stop") || action->text() == QStringLiteral("Abort"))
            CHECK(action->shortcut().isEmpty());
    CHECK(open->shortcut() == QKeySequence(Qt::CTRL | Qt::Key_O));
    CHECK(save->shortcut() == QKeySequence(Qt::CTRL | Qt::Key_S));

    // Ctrl+S writes the scenario file last used.
    Scenario soak = shortKnowledgeLoad("shortcut soak");
    soak.kind = TestKind::Soak;
    window.controls()->setScenario(soak);
    QTest::keyClick(&window, Qt::Key_S, Qt::ControlModifier);
    REQUIRE(QFile::exists(saved));
    CHECK(loadScenario(saved.toStdString()).name == "shortcut soak");

    // Ctrl+R on a soak asks first: the question is the sign Run was triggered (and nothing starts).
    QTest::keyClick(&window, Qt::Key_R, Qt::ControlModifier);
    REQUIRE(window.controls()->confirmation());
    window.controls()->confirmation()->reject();
    QCoreApplication::processEvents();
    CHECK_FALSE(window.session()->isActive());
    showActive(window); // the question had the focus

    // Ctrl+E with no run says there is nothing to report.
    QTest::keyClick(&window, Qt::Key_E, Qt::ControlModifier);
    QMessageBox* noRun = nullptr;
    CHECK(test::waitUntil(
        [&] {
            for (QMessageBox* box : window.findChildren<QMessageBox*>())
                if (box->isVisible() && box->text().contains(QStringLiteral("no run to report")))
                    noRun = box;
            return noRun != nullptr;
        },
        2000));
    if (noRun)
        noRun->close(); // it is window-modal
    showActive(window);

    // Ctrl+O shows the file dialog (closed again here).
    QSignalSpy opened(open, &QAction::triggered);
    closeNextModal();
    QTest::keyClick(&window, Qt::Key_O, Qt::ControlModifier);
    CHECK(opened.size() == 1);
}

TEST_CASE("Ctrl+1 to Ctrl+6 switch to the side bar's pages in its order") {
    ScratchStore store;
    REQUIRE(store.dir.isValid());
    MainWindow window(store.options());
    showActive(window);
    auto* sideBar = window.findChild<QListWidget*>();
    REQUIRE(sideBar);
    REQUIRE(sideBar->count() == 6);
    for (int row = sideBar->count() - 1; row >= 0; --row) {
        INFO(sideBar->item(row)->text().toStdString());
        QTest::keyClick(&window, static_cast<Qt::Key>(Qt::Key_1 + row), Qt::ControlModifier);
        CHECK(sideBar->currentRow() == row);
    }
}

TEST_CASE("the window's geometry and the last test setup come back on the next start") {
    ScratchStore store;
    REQUIRE(store.dir.isValid());
    QRect geometry;
    {
        MainWindow window(store.options());
        window.show();
        // The offscreen screen is 800x600 and restoring keeps a window on its screen: stay within it in
        // height.
        window.setGeometry(QRect(QPoint(20, 30), QSize(window.minimumSizeHint().width(), 500)));
        geometry = window.geometry();
        window.controls()->setScenario(shortKnowledgeLoad("kept setup"));
        REQUIRE(window.controls()->isValid());
        window.close();
    }
    MainWindow again(store.options());
    again.show();
    CHECK(again.geometry() == geometry);
    REQUIRE(again.controls()->scenario());
    CHECK(again.controls()->scenario()->name == "kept setup");
    CHECK(again.controls()->scenario()->target.engine->engine == "knowledge");
}

TEST_CASE("About names the versions of Perflab, Qt, SQLite, the compiler and Boost") {
    ScratchStore store;
    REQUIRE(store.dir.isValid());
    MainWindow window(store.options());
    window.showAbout();
    auto* about = window.findChild<AboutDialog*>();
    REQUIRE(about);
    QStringList lines;
    for (QLabel* label : about->findChildren<QLabel*>())
        lines << label->text();
    const QString text = lines.join(QLatin1Char('\n'));
    for (const char* expected : {"Perflab:", "Qt:", "SQLite:", "Compiler:", "Boost:", "0.1.0"})
        CHECK(text.contains(QLatin1String(expected)));
    CHECK(text.contains(QString::fromLatin1(qVersion())));
}
