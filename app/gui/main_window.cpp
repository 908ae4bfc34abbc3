// MainWindow: wires the session's signals to the dashboard and status bar, opens and saves scenario files,
// exports PDF reports, reattaches to a run still going; keeps its state and last scenario in QSettings.
#include "app/gui/main_window.h"

#include "app/gui/run_session.h"
#include "app/gui/store_service.h"
#include "app/versions.h"
#include "engines/engine_catalog.h"
#include "widgets/dashboard/dashboard.h"
#include "widgets/endurance/endurance_view.h"
#include "widgets/flame/flame_page.h"
#include "widgets/report/report_writer.h"
#include "widgets/setup/control_panel.h"
#include "widgets/window/about_dialog.h"
#include "widgets/window/run_status_bar.h"
#include "widgets/window/staggered_paint.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QCoreApplication>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QListWidget>
#include <QLocale>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QStackedWidget>
#include <QStyleFactory>
#include <QToolBar>

#include <algorithm>
#include <memory>
#include <stdexcept>
#include <utility>

namespace perflab {
namespace {

enum Page { DashboardPage, SetupPage, FlameViewPage };

} // namespace

// Fusion draws every widget from the palette, and the palette stays the platform theme's: light or dark
// as the system is set.
void applyLook(QApplication& app) {
    app.setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    QFont font(QStringLiteral("DejaVu Sans"));
    font.setPointSize(10);
    QApplication::setFont(font);
}

MainWindow::MainWindow(const GuiOptions& options, QWidget* parent)
    : QMainWindow(parent)
    , m_executable(options.perflabExecutable.empty() ? QCoreApplication::applicationFilePath()
                                                     : QString::fromStdString(options.perflabExecutable))
    , m_store(new StoreService(options.db.empty() ? defaultStorePath() : options.db, this))
    , m_session(new RunSession(*m_store, this))
    , m_sideBar(new QListWidget(this))
    , m_pages(new QStackedWidget(this))
    , m_dashboard(new Dashboard(this))
    , m_controls(new ControlPanel(this))
    , m_flame(new FlamePage(*m_store, this))
    , m_statusBar(new RunStatusBar(this))
    , m_staggered(new StaggeredPaint(this)) {
    setWindowTitle(tr("Perflab"));
    m_sideBar->addItems({tr("Dashboard"), tr("Test setup"), tr("Flame")});
    m_sideBar->setFixedWidth(150);
    m_sideBar->setFocusPolicy(Qt::NoFocus);
    m_sideBar->setStyleSheet(
        QStringLiteral("QListWidget { border: none; background: #263238; color: #cfd8dc; "
                       "padding-top: 8px; outline: 0; } "
                       "QListWidget::item { padding-left: 12px; height: 34px; border: none; } "
                       "QListWidget::item:selected { background: #37474f; color: white; } "
                       "QListWidget::item:hover:!selected { background: #2e3c43; }"));
    m_pages->addWidget(m_dashboard);
    m_pages->addWidget(m_controls);
    m_pages->addWidget(m_flame);
    connect(m_sideBar, &QListWidget::currentRowChanged, m_pages, &QStackedWidget::setCurrentIndex);
    // The page shown paints its group boxes and charts one per turn of the event loop (staggered_paint.h).
    connect(m_pages, &QStackedWidget::currentChanged, m_staggered,
            [this](int index) { m_staggered->stagger(m_pages->widget(index)); });
    std::vector<EngineChoice> engines;
    for (const engines::EngineInfo& info : engines::engineCatalog())
        engines.push_back({QString::fromStdString(info.name), QString::fromStdString(info.description)});
    m_controls->setEngines(engines);
    createHistoryPages();

    // Endurance: the run the window shows over its whole span, from the store's tiers.
    auto* endurance = new EnduranceView(*m_store, this);
    m_pages->addWidget(endurance);
    m_sideBar->addItem(tr("Endurance"));
    const auto showEndurance = [endurance](const RunInfo& run) { endurance->showRun(run.id); };
    connect(m_session, &RunSession::runOpened, endurance,
            [showEndurance](const RunInfo& run, const std::vector<IntervalRow>&) { showEndurance(run); });
    connect(m_session, &RunSession::runFinished, endurance, showEndurance);

    auto* central = new QWidget(this);
    auto* layout = new QHBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_sideBar);
    layout->addWidget(m_pages, 1);
    setCentralWidget(central);
    setStatusBar(m_statusBar);
    m_statusBar->setStorePath(QString::fromStdString(m_session->storePath().string()));

    createActions();
    connectSession();
    connectRunEnd();
    QSettings settings;
    restoreScenario(settings);
    setRunning(false);

    if (!restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray()))
        resize(1440, 900);
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    const int savedPage =
        std::clamp(settings.value(QStringLiteral("window/page"), 0).toInt(), 0, m_pages->count() - 1);
    m_sideBar->setCurrentRow(options.runId != 0 ? DashboardPage : savedPage);
    // A run goes on when the window closes (it is its own process): follow it again.
    connect(m_session, &RunSession::reattached, this, [this] { m_sideBar->setCurrentRow(DashboardPage); });
    if (options.runId != 0)
        m_session->open(options.runId);
    else
        m_session->reattach();
}

MainWindow::~MainWindow() = default;

void MainWindow::createActions() {
    auto* toolBar = addToolBar(tr("Run"));
    toolBar->setObjectName(QStringLiteral("runToolBar"));
    toolBar->setMovable(false);
    toolBar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_runAction = toolBar->addAction(tr("Run"), m_controls, &ControlPanel::requestRun);
    m_runAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    m_runAction->setToolTip(tr("Run the test set up in Test setup (Ctrl+R)"));
    // Stop and Abort have no shortcut: a key meant for a field (Esc in a filter) must never end a run.
    m_stopAction = toolBar->addAction(tr("Stop"), this, [this] { requestEnd(RunEnding::Stop); });
    m_stopAction->setToolTip(endToolTip(RunEnding::Stop));
    m_abortAction = toolBar->addAction(tr("Abort"), this, [this] { requestEnd(RunEnding::Abort); });
    m_abortAction->setToolTip(endToolTip(RunEnding::Abort));
    m_exportAction = new QAction(tr("Export PDF..."), this);
    m_exportAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    m_exportAction->setToolTip(tr("Write the PDF report of the run shown (Ctrl+E)"));
    connect(m_exportAction, &QAction::triggered, this, &MainWindow::exportPdf);
    createFileMenu();
    QMenu* runMenu = menuBar()->addMenu(tr("&Run"));
    runMenu->addActions({m_runAction, m_stopAction, m_abortAction});
    createGoMenu();
    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About Perflab"), this, &MainWindow::showAbout);
    toolBar->addSeparator();
    toolBar->addAction(m_openAction);
    toolBar->addAction(m_saveAction);
    toolBar->addAction(m_exportAction);
    connect(m_controls, &ControlPanel::runRequested, this, &MainWindow::startRun);
    connect(m_controls, &ControlPanel::validityChanged, this, [this] { setRunning(m_session->isActive()); });
}

void MainWindow::createGoMenu() {
    // Ctrl+1 to Ctrl+6: the side bar's pages in its order, as browsers switch tabs.
    QMenu* go = menuBar()->addMenu(tr("&Go"));
    for (int row = 0; row < m_sideBar->count() && row < 9; ++row) {
        QAction* page =
            go->addAction(m_sideBar->item(row)->text(), this, [this, row] { m_sideBar->setCurrentRow(row); });
        page->setShortcut(QKeySequence(Qt::CTRL | static_cast<Qt::Key>(Qt::Key_1 + row)));
    }
}

void MainWindow::createFileMenu() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    m_openAction = file->addAction(tr("&Open scenario..."), this, [this] { openScenario(); });
    m_openAction->setShortcut(QKeySequence::Open);
    m_openAction->setToolTip(tr("Open a scenario file (JSON, as perflab run reads it) (Ctrl+O)"));
    m_saveAction = file->addAction(tr("&Save scenario"), this, [this] { saveScenario(m_scenarioFile); });
    m_saveAction->setShortcut(QKeySequence::Save);
    m_saveAction->setToolTip(tr("Save the test setup as a scenario file (Ctrl+S)"));
    QAction* saveAs = file->addAction(tr("Save scenario &as..."), this, [this] { saveScenario(QString()); });
    saveAs->setShortcut(QKeySequence::SaveAs);
    file->addSeparator();
    file->addAction(m_exportAction);
    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);
    quit->setToolTip(tr("Close the window; a running test goes on and is followed again next time"));
}

void MainWindow::openScenario(const QString& chosen) {
    const QString file = !chosen.isEmpty()
                             ? chosen
                             : QFileDialog::getOpenFileName(this, tr("Open scenario"), m_scenarioFile,
                                                            tr("Scenario files (*.json)"));
    if (file.isEmpty())
        return;
    if (const std::optional<QString> problem = m_controls->openFile(file))
        return showFailure(tr("The scenario was not opened:\n%1").arg(*problem));
    m_scenarioFile = file;
    m_sideBar->setCurrentRow(SetupPage);
    statusBar()->showMessage(tr("Opened %1").arg(file), 5000);
}

void MainWindow::saveScenario(const QString& chosen) {
    QString file = chosen;
    if (file.isEmpty()) {
        const QString name =
            m_controls->scenario() ? QString::fromStdString(m_controls->scenario()->name) : QString();
        file = QFileDialog::getSaveFileName(this, tr("Save scenario"),
                                            m_scenarioFile.isEmpty() ? name + QStringLiteral(".json")
                                                                     : m_scenarioFile,
                                            tr("Scenario files (*.json)"));
    }
    if (file.isEmpty())
        return;
    if (const std::optional<QString> problem = m_controls->saveFile(file))
        return showFailure(tr("The scenario was not saved: %1").arg(*problem));
    m_scenarioFile = file;
    statusBar()->showMessage(tr("Saved %1").arg(file), 5000);
}

void MainWindow::showAbout() {
    auto* about = new AboutDialog(componentVersions(), this);
    about->setAttribute(Qt::WA_DeleteOnClose);
    about->open();
}

// The last valid test setup comes back on the next start; a setting from another version that no longer
// parses is reported in the log and the form keeps its defaults.
void MainWindow::restoreScenario(const QSettings& settings) {
    m_scenarioFile = settings.value(QStringLiteral("scenario/file")).toString();
    const QString last = settings.value(QStringLiteral("scenario/last")).toString();
    if (last.isEmpty())
        return;
    try {
        m_controls->setScenario(parseScenario(last.toStdString(), "the saved test setup"));
    } catch (const ScenarioError& e) {
        qWarning("perflab: %s", e.what());
    }
}

void MainWindow::connectSession() {
    connect(m_session, &RunSession::runOpened, this,
            [this](const RunInfo& run, const std::vector<IntervalRow>& rows) {
                m_dashboard->setRun(run);
                m_dashboard->setRows(rows);
                m_staggered->stagger(m_dashboard); // all six charts drawn anew, as after a page switch
                m_statusBar->showRun(run);
                setWindowTitle(tr("%1 — Perflab").arg(QString::fromStdString(run.name)));
                setRunning(run.status == RunStatus::Running);
                m_flame->showRun(run.id, run.status == RunStatus::Running);
            });
    connect(m_session, &RunSession::intervalsArrived, m_dashboard, &Dashboard::appendRows);
    connect(m_session, &RunSession::eventsArrived, m_dashboard, &Dashboard::appendEvents);
    connect(m_session, &RunSession::runFinished, this, [this](const RunInfo& run) {
        m_dashboard->setRun(run);
        m_statusBar->showRun(run);
        setRunning(false);
        m_flame->runEnded();
    });
    connect(m_session, &RunSession::failed, this, &MainWindow::showFailure);
    // Flame shows the range picked on the dashboard, and the whole run again once the pick is cleared.
    connect(m_dashboard, &Dashboard::rangeSelected, m_flame, &FlamePage::showRange);
    connect(m_dashboard, &Dashboard::selectionCleared, this,
            [this] { m_flame->showRun(m_session->runId(), m_session->isActive()); });
}

void MainWindow::startRun(const Scenario& scenario) {
    if (m_session->isActive())
        return;
    m_dashboard->clear();
    m_statusBar->clearRun();
    m_sideBar->setCurrentRow(DashboardPage);
    m_staggered->stagger(m_dashboard);
    m_session->start(m_executable, scenario);
    setRunning(m_session->isActive());
}

void MainWindow::setRunning(bool running) {
    m_runAction->setEnabled(!running && m_controls->isValid());
    m_stopAction->setEnabled(running);
    m_abortAction->setEnabled(running);
    m_controls->setRunning(running);
}

void MainWindow::exportPdf() {
    const std::int64_t runId = m_session->runId();
    if (runId == 0)
        return showFailure(tr("There is no run to report yet: run a test or open a stored one."));
    const QString file = QFileDialog::getSaveFileName(this, tr("Export PDF report"),
                                                      QStringLiteral("perflab-run-%1.pdf").arg(runId),
                                                      tr("PDF documents (*.pdf)"));
    if (file.isEmpty())
        return;
    const auto size = QLocale().measurementSystem() == QLocale::ImperialUSSystem ? ReportPageSize::Letter
                                                                                 : ReportPageSize::A4;
    m_exportAction->setEnabled(false);
    // The store is read off the UI thread (a 72-hour run takes a moment); the widgets paint on this thread.
    m_store->read(
        m_reportRead,
        [runId, size](const RunStore& reader) {
            return std::make_shared<const RunReport>(
                loadRunReport(reader, runId, ReportWriter::chartBuckets(size)));
        },
        [this, file, size](const std::shared_ptr<const RunReport>& report) {
            m_exportAction->setEnabled(true);
            try {
                ReportWriter(*report, nullptr, size).write(file);
                statusBar()->showMessage(tr("Report written to %1").arg(file), 10'000);
            } catch (const std::exception& e) {
                showFailure(tr("Could not export the report: %1").arg(QString::fromStdString(e.what())));
            }
        },
        [this](const QString& message) {
            m_exportAction->setEnabled(true);
            showFailure(tr("Could not export the report: %1").arg(message));
        });
}

void MainWindow::showFailure(const QString& message) {
    setRunning(m_session->isActive());
    // Non-modal, so a failure never blocks the live dashboard or the event loop.
    auto* box = new QMessageBox(QMessageBox::Warning, tr("Perflab"), message, QMessageBox::Ok, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void MainWindow::closeEvent(QCloseEvent* event) {
    if (m_session->isActive() && !std::exchange(m_closeConfirmed, false)) {
        event->ignore();
        askBeforeClosing();
        return;
    }
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    settings.setValue(QStringLiteral("window/page"), m_sideBar->currentRow());
    settings.setValue(QStringLiteral("scenario/file"), m_scenarioFile);
    if (m_controls->scenario())
        settings.setValue(QStringLiteral("scenario/last"),
                          QString::fromStdString(toJson(*m_controls->scenario())));
    QMainWindow::closeEvent(event);
}

} // namespace perflab
