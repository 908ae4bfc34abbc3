// RunStatusBar: derives elapsed, remaining, ETA and progress from the run's start and its scenario's stages.
#include "widgets/window/run_status_bar.h"

#include "model/scenario/scenario.h"
#include "widgets/charts/chart_style.h"

#include <QDateTime>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>

#include <algorithm>

namespace perflab {
namespace {

QString clockText(std::int64_t ms) {
    const std::int64_t s = std::max<std::int64_t>(0, ms / 1000);
    return QStringLiteral("%1:%2:%3")
        .arg(s / 3600)
        .arg(s / 60 % 60, 2, 10, QLatin1Char('0'))
        .arg(s % 60, 2, 10, QLatin1Char('0'));
}

std::int64_t nowMs() {
    return QDateTime::currentMSecsSinceEpoch();
}

// The planned end (not yet passed) as a clock time, with the date when it is not today.
QString etaText(std::int64_t nowMs, std::int64_t endMs) {
    const QDateTime now = QDateTime::fromMSecsSinceEpoch(nowMs);
    const QDateTime end = QDateTime::fromMSecsSinceEpoch(endMs);
    const QLocale locale;
    if (end.date() == now.date())
        return locale.toString(end.time(), QLocale::ShortFormat);
    return locale.toString(end.date(), QLocale::ShortFormat) + QLatin1Char(' ') +
           locale.toString(end.time(), QLocale::ShortFormat);
}

} // namespace

RunStatusBar::RunStatusBar(QWidget* parent)
    : QStatusBar(parent)
    , m_name(new QLabel(this))
    , m_kind(new QLabel(this))
    , m_status(new QLabel(this))
    , m_time(new QLabel(this))
    , m_progress(new QProgressBar(this))
    , m_store(new QLabel(this)) {
    QFont bold = m_name->font();
    bold.setBold(true);
    m_name->setFont(bold);
    m_progress->setRange(0, 100);
    m_progress->setFixedWidth(180);
    m_progress->setTextVisible(true);
    m_store->setStyleSheet(QStringLiteral("color: #5f6b7a;"));
    setContentsMargins(8, 0, 0, 0);
    addWidget(m_name);
    addWidget(m_kind);
    addWidget(m_status);
    addWidget(m_time);
    addWidget(m_progress);
    addPermanentWidget(m_store);
    clearRun();
    m_tick.setInterval(1000);
    connect(&m_tick, &QTimer::timeout, this, [this] { showTimeAt(nowMs()); });
}

void RunStatusBar::setStorePath(const QString& path) {
    m_store->setText(tr("Store: %1").arg(path));
    m_store->setToolTip(path);
}

void RunStatusBar::showRun(const RunInfo& run) {
    m_run = run;
    m_planned.reset();
    m_progress->setToolTip(QString());
    if (!run.scenarioJson.empty()) {
        try {
            m_planned =
                parseScenario(run.scenarioJson, "run " + std::to_string(run.id)).workload.totalDuration();
        } catch (const ScenarioError& e) {
            // The run is still worth showing; only its planned length is unknown, and the bar says why.
            m_progress->setToolTip(tr("No planned duration: %1").arg(QString::fromStdString(e.what())));
        }
    }
    m_name->setText(QString::fromStdString(run.name));
    m_kind->setText(QString::fromUtf8(toString(run.kind)));
    m_status->setText(QString::fromUtf8(toString(run.status)));
    m_status->setStyleSheet(
        QStringLiteral("color: %1; font-weight: bold;").arg(statusColor(run.status).name()));
    m_progress->setVisible(m_planned.has_value());
    if (run.status == RunStatus::Running)
        m_tick.start();
    else
        m_tick.stop();
    showTimeAt(nowMs());
}

void RunStatusBar::clearRun() {
    m_run.reset();
    m_planned.reset();
    m_tick.stop();
    m_name->setText(tr("No run"));
    m_kind->clear();
    m_status->clear();
    m_time->clear();
    m_progress->setVisible(false);
}

void RunStatusBar::showTimeAt(std::int64_t atMs) {
    if (!m_run)
        return;
    const std::int64_t end = m_run->endedMs > 0 ? m_run->endedMs : atMs;
    const std::int64_t elapsed = std::max<std::int64_t>(0, end - m_run->startedMs);
    QString text = tr("elapsed %1").arg(clockText(elapsed));
    if (m_planned && m_planned->count() > 0) {
        const std::int64_t planned = m_planned->count();
        if (m_run->endedMs == 0) {
            if (elapsed <= planned)
                text += tr(" · remaining %1 · ETA %2")
                            .arg(clockText(planned - elapsed), etaText(atMs, m_run->startedMs + planned));
            else // still going past its plan (draining, or its process is stuck)
                text += tr(" · %1 past its planned %2").arg(clockText(elapsed - planned), clockText(planned));
        }
        // QProgressBar::setValue repaints at once, and that paints everything then waiting in the window (a
        // page just switched to, charts just redrawn) inside this event. Updates off, the bar is queued for
        // the window's next paint instead.
        m_progress->setUpdatesEnabled(false);
        m_progress->setValue(static_cast<int>(std::min<std::int64_t>(100, elapsed * 100 / planned)));
        m_progress->setUpdatesEnabled(true);
    }
    m_time->setText(text);
}

QString RunStatusBar::timeText() const {
    return m_time->text();
}

int RunStatusBar::progressPercent() const {
    return m_progress->value();
}

} // namespace perflab
