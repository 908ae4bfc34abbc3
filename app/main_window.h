// The main window: side bar (Dashboard, Test setup, Endurance), toolbar (Run, Stop, Abort, Export PDF), File
// menu and run status bar.
#pragma once

#include "app/gui.h"
#include "model/scenario.h"

#include <QMainWindow>

class QAction;
class QApplication;
class QListWidget;
class QStackedWidget;

namespace perflab {

class ControlPanel;
class Dashboard;
class RunSession;
class RunStatusBar;

// The style, palette and font the window is designed for (also used by the GUI tests).
void applyLook(QApplication& app);

// Thin by design: the dashboard, controls and status bar are widgets; RunSession talks to the store.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(const GuiOptions& options, QWidget* parent = nullptr);
    ~MainWindow() override;

    Dashboard* dashboard() const noexcept { return m_dashboard; }
    RunSession* session() const noexcept { return m_session; }
    RunStatusBar* runStatusBar() const noexcept { return m_statusBar; }

    void startRun(const Scenario& scenario);

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void createActions();
    void connectSession();
    void setRunning(bool running);
    void showFailure(const QString& message);
    // File > Export PDF: the report of the run shown, read on a worker, painted here.
    void exportPdf();

    QString m_executable;
    RunSession* m_session = nullptr;
    QListWidget* m_sideBar = nullptr;
    QStackedWidget* m_pages = nullptr;
    Dashboard* m_dashboard = nullptr;
    ControlPanel* m_controls = nullptr;
    RunStatusBar* m_statusBar = nullptr;
    QAction* m_runAction = nullptr;
    QAction* m_stopAction = nullptr;
    QAction* m_abortAction = nullptr;
    QAction* m_exportAction = nullptr;
};

} // namespace perflab
