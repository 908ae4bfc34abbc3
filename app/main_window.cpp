// MainWindow: wires the session's signals to the dashboard and status bar, exports PDF reports; keeps its
// state in QSettings.
#include "app/main_window.h"

#include "app/run_session.h"
#include "widgets/control_panel.h"
#include "widgets/dashboard.h"
#include "widgets/endurance_view.h"
#include "widgets/report_writer.h"
#include "widgets/run_status_bar.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QCoreApplication>
#include <QFileDialog>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QListWidget>
#include <QLocale>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QStackedWidget>
#include <QStyleFactory>
#include <QToolBar>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <memory>
#include <stdexcept>

namespace perflab {
namespace {

enum Page { DashboardPage, SetupPage };

} // namespace

void applyLook(QApplication& app) {
    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    QFont font(QStringLiteral("DejaVu Sans"));
    font.setPointSize(10);
    QApplication::setFont(font);
    QPalette palette = QApplication::style()->standardPalette();
    palette.setColor(QPalette::Window, QColor(0xf4, 0xf5, 0xf7));
    app.setPalette(palette);
}

MainWindow::MainWindow(const GuiOptions& options, QWidget* parent)
    : QMainWindow(parent)
    , m_executable(options.perflabExecutable.empty() ? QCoreApplication::applicationFilePath()
                                                     : QString::fromStdString(options.perflabExecutable))
    , m_session(new RunSession(options.db.empty() ? defaultStorePath() : options.db, this))
    , m_sideBar(new QListWidget(this))
    , m_pages(new QStackedWidget(this))
    , m_dashboard(new Dashboard(this))
    , m_controls(new ControlPanel(this))
    , m_statusBar(new RunStatusBar(this)) {
    setWindowTitle(tr("Perflab"));
    m_sideBar->addItems({tr("Dashboard"), tr("Test setup")});
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
    connect(m_sideBar, &QListWidget::currentRowChanged, m_pages, &QStackedWidget::setCurrentIndex);

    // Endurance: the run the window shows over its whole span, from the store's tiers (read on a worker).
    auto* endurance = new EnduranceView(this);
    m_pages->addWidget(endurance);
    m_sideBar->addItem(tr("Endurance"));
    const auto showEndurance = [this, endurance](const RunInfo& run) {
        endurance->showRun(m_session->storePath(), run.id);
    };
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
    setRunning(false);

    QSettings settings;
    if (!restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray()))
        resize(1440, 900);
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    const int savedPage =
        std::clamp(settings.value(QStringLiteral("window/page"), 0).toInt(), 0, m_sideBar->count() - 1);
    m_sideBar->setCurrentRow(options.runId != 0 ? DashboardPage : savedPage);
    if (options.runId != 0)
        m_session->open(options.runId);
}

MainWindow::~MainWindow() = default;

void MainWindow::createActions() {
    auto* toolBar = addToolBar(tr("Run"));
    toolBar->setObjectName(QStringLiteral("runToolBar"));
    toolBar->setMovable(false);
    toolBar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_runAction = toolBar->addAction(tr("Run"), this, [this] { startRun(m_controls->scenario()); });
    m_runAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    m_runAction->setToolTip(tr("Run the test set up in Test setup (Ctrl+R)"));
    m_stopAction = toolBar->addAction(tr("Stop"), m_session, &RunSession::stop);
    m_stopAction->setShortcut(QKeySequence(Qt::Key_Escape));
    m_stopAction->setToolTip(tr("Stop gracefully: final interval, summary and verdict (Esc)"));
    m_abortAction = toolBar->addAction(tr("Abort"), m_session, &RunSession::abort);
    m_abortAction->setToolTip(tr("End the run at once (SIGTERM)"));
    m_exportAction = new QAction(tr("Export PDF..."), this);
    m_exportAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    m_exportAction->setToolTip(tr("Write the PDF report of the run shown (Ctrl+E)"));
    connect(m_exportAction, &QAction::triggered, this, &MainWindow::exportPdf);
    menuBar()->addMenu(tr("&File"))->addAction(m_exportAction);
    toolBar->addSeparator();
    toolBar->addAction(m_exportAction);
    connect(m_controls, &ControlPanel::runRequested, this, &MainWindow::startRun);
    connect(m_controls, &ControlPanel::stopRequested, m_session, &RunSession::stop);
}

void MainWindow::connectSession() {
    connect(m_session, &RunSession::runOpened, this,
            [this](const RunInfo& run, const std::vector<IntervalRow>& rows) {
                m_dashboard->setRows(rows);
                m_statusBar->showRun(run);
                setWindowTitle(tr("%1 — Perflab").arg(QString::fromStdString(run.name)));
                setRunning(run.status == "running");
            });
    connect(m_session, &RunSession::intervalsArrived, m_dashboard, &Dashboard::appendRows);
    connect(m_session, &RunSession::runFinished, this, [this](const RunInfo& run) {
        m_statusBar->showRun(run);
        setRunning(false);
    });
    connect(m_session, &RunSession::failed, this, &MainWindow::showFailure);
}

void MainWindow::startRun(const Scenario& scenario) {
    if (m_session->isActive())
        return;
    m_dashboard->clear();
    m_statusBar->clearRun();
    m_sideBar->setCurrentRow(DashboardPage);
    m_session->start(m_executable, scenario);
    setRunning(m_session->isActive());
}

void MainWindow::setRunning(bool running) {
    m_runAction->setEnabled(!running);
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
    // The store is read on a worker (a 72-hour run takes a moment); the widgets paint on this thread.
    using Loaded = std::pair<std::shared_ptr<const RunReport>, QString>;
    auto* watcher = new QFutureWatcher<Loaded>(this);
    connect(watcher, &QFutureWatcher<Loaded>::finished, this, [this, watcher, file, size] {
        watcher->deleteLater();
        m_exportAction->setEnabled(true);
        const auto [report, problem] = watcher->result();
        try {
            if (!report)
                throw std::runtime_error(problem.toStdString());
            ReportWriter(*report, nullptr, size).write(file);
            statusBar()->showMessage(tr("Report written to %1").arg(file), 10'000);
        } catch (const std::exception& e) {
            showFailure(tr("Could not export the report: %1").arg(QString::fromStdString(e.what())));
        }
    });
    watcher->setFuture(QtConcurrent::run([store = m_session->storePath(), runId, size]() -> Loaded {
        try {
            const RunStore reader(store, RunStore::Mode::ReadOnly);
            return {
                std::make_shared<RunReport>(loadRunReport(reader, runId, ReportWriter::chartBuckets(size))),
                {}};
        } catch (const std::exception& e) {
            return {nullptr, QString::fromStdString(e.what())};
        }
    }));
}

void MainWindow::showFailure(const QString& message) {
    setRunning(m_session->isActive());
    // Non-modal, so a failure never blocks the live dashboard or the event loop.
    auto* box = new QMessageBox(QMessageBox::Warning, tr("Perflab"), message, QMessageBox::Ok, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void MainWindow::closeEvent(QCloseEvent* event) {
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    settings.setValue(QStringLiteral("window/page"), m_sideBar->currentRow());
    QMainWindow::closeEvent(event);
}

} // namespace perflab
