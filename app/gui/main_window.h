// The main window: side bar (Dashboard, Test setup, Flame, Endurance, History, Compare), toolbar (Run, Stop,
// Abort, Open, Save, Export PDF), File / Run / Help menus and the run status bar.
#pragma once

#include "app/gui/gui.h"
#include "model/scenario/scenario.h"
#include "widgets/jobs/job_tracker.h"
#include "widgets/window/run_end_questions.h"

#include <QMainWindow>

class QAction;
class QApplication;
class QListWidget;
class QMessageBox;
class QSettings;
class QStackedWidget;

namespace perflab {

class ComparePage;
class ControlPanel;
class Dashboard;
class FlamePage;
class HistoryPage;
class RunSession;
class RunStatusBar;
class StaggeredPaint;
class StoreService;

// The style, palette and font the window is designed for (also used by the GUI tests).
void applyLook(QApplication& app);

// Thin by design: the dashboard, controls and status bar are widgets; the store service is their one way into
// the store, and RunSession follows the run shown through it.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(const GuiOptions& options, QWidget* parent = nullptr);
    ~MainWindow() override;

    Dashboard* dashboard() const noexcept { return m_dashboard; }
    FlamePage* flamePage() const noexcept { return m_flame; }
    RunSession* session() const noexcept { return m_session; }
    RunStatusBar* runStatusBar() const noexcept { return m_statusBar; }

    ControlPanel* controls() const noexcept { return m_controls; }

    void startRun(const Scenario& scenario);
    // Stop or Abort (tool bar, Run menu, Test setup's buttons): at once for a run started up to
    // kAskBeforeEndingAfter ago, else after endConfirmation() is accepted.
    void requestEnd(RunEnding ending);
    // The open question before ending a run, or before closing the window while one goes, if any.
    QMessageBox* endConfirmation() const noexcept { return m_endConfirmation; }
    QMessageBox* closeNotice() const noexcept { return m_closeNotice; }
    // File > Open (a dialog when `file` is empty); a malformed file shows the parser's error and changes
    // nothing.
    void openScenario(const QString& file = QString());
    // File > Save (to the file last opened or saved) and Save as (a dialog when `file` is empty).
    void saveScenario(const QString& file);
    void showAbout();

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void createActions();
    // Stop and Abort, the question before them and the one before closing during a run
    // (main_window_run_end.cpp).
    void connectRunEnd();
    void askBeforeClosing();
    void createFileMenu();
    void createGoMenu();
    void restoreScenario(const QSettings& settings);
    void connectSession();
    void setRunning(bool running);
    void showFailure(const QString& message);
    // File > Export PDF: the report of the run shown, read on a worker, painted here.
    void exportPdf();
    // The History and Compare pages and their wiring (main_window_history.cpp).
    void createHistoryPages();
    HistoryPage* m_history = nullptr;
    ComparePage* m_compare = nullptr;

    QString m_executable;
    StoreService* m_store = nullptr;
    RunSession* m_session = nullptr;
    QListWidget* m_sideBar = nullptr;
    QStackedWidget* m_pages = nullptr;
    Dashboard* m_dashboard = nullptr;
    ControlPanel* m_controls = nullptr;
    FlamePage* m_flame = nullptr;
    RunStatusBar* m_statusBar = nullptr;
    StaggeredPaint* m_staggered = nullptr;
    QAction* m_runAction = nullptr;
    QAction* m_stopAction = nullptr;
    QAction* m_abortAction = nullptr;
    QAction* m_exportAction = nullptr;
    QAction* m_openAction = nullptr;
    QAction* m_saveAction = nullptr;
    QMessageBox* m_endConfirmation = nullptr;
    QMessageBox* m_closeNotice = nullptr;
    bool m_closeConfirmed = false; // the close notice was answered "close"
    QString m_scenarioFile;        // the scenario file last opened or saved
    JobTracker m_reportRead{this};
};

} // namespace perflab
