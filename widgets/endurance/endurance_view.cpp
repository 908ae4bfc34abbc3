// EnduranceView: the header and verdict strip, the chart stack under its overlay, and the requests a zoom,
// pan, reset or resize asks of the store service.
#include "widgets/endurance/endurance_view.h"

#include "model/format/figure_format.h"
#include "widgets/charts/time_series_chart.h"
#include "widgets/endurance/endurance_overlay.h"
#include "widgets/jobs/store_requests.h"

#include <QDateTime>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QResizeEvent>
#include <QVBoxLayout>

#include <chrono>
#include <cmath>

namespace perflab {
namespace {

constexpr int kTimeAxisHeight = 40; // under the last chart: tick labels, the axis title, the hover time
// A bucket's lowest and highest value per two pixel columns: the bands look the same as per column, and Qt
// Charts, which rebuilds a whole path on every change, gets half the points.
constexpr std::size_t kPixelsPerBucket = 2;

QString tierName(std::int64_t sourceMs) {
    return sourceMs >= 3'600'000 ? QStringLiteral("hour tier")
           : sourceMs >= 60'000  ? QStringLiteral("minute tier")
                                 : QStringLiteral("per-second rows");
}

QString limitText(std::uint64_t bytes) {
    return bytes >= (1ULL << 30)
               ? QString::fromStdString(formatFixed(static_cast<double>(bytes) / (1ULL << 30), 1)) + " GiB"
               : QString::fromStdString(formatFixed(static_cast<double>(bytes) / kBytesPerMiB, 0)) + " MiB";
}

QString verdictText(const RunTrend& trend, std::int64_t endMs) {
    const LeakReport& leak = trend.leak;
    const QString slope = QStringLiteral("RSS %1 MiB/h (95 %: %2 to %3)")
                              .arg(QString::fromStdString(formatFixed(leak.slopeMbPerHour, 3)),
                                   QString::fromStdString(formatFixed(leak.ciLowMbPerHour, 3)),
                                   QString::fromStdString(formatFixed(leak.ciHighMbPerHour, 3)));
    const QString source = trend.fromSummary ? QStringLiteral("verdict of the run's summary")
                                             : QStringLiteral("from the minute tier");
    switch (leak.verdict) {
    case LeakVerdict::Leak: {
        QString limit = QStringLiteral("memory limit unknown");
        if (leak.hoursToMemoryLimit) {
            const auto reachedMs = endMs + static_cast<std::int64_t>(*leak.hoursToMemoryLimit * 3.6e6);
            limit = QStringLiteral("reaches the %1 memory limit in about %2 h (%3)")
                        .arg(limitText(trend.memoryLimitBytes),
                             QString::fromStdString(formatFixed(*leak.hoursToMemoryLimit, 1)),
                             QDateTime::fromMSecsSinceEpoch(reachedMs).toString(
                                 QStringLiteral("yyyy-MM-dd HH:mm")));
        }
        return QStringLiteral("<b style='color:#c62828'>Leak</b> — %1, %2 · %3").arg(slope, limit, source);
    }
    case LeakVerdict::NoLeak:
        return QStringLiteral("<b style='color:#2e7d32'>No leak</b> — %1, no memory limit in sight%2 · %3")
            .arg(slope,
                 trend.memoryLimitBytes > 0
                     ? QStringLiteral(" (limit %1)").arg(limitText(trend.memoryLimitBytes))
                     : QString(),
                 source);
    case LeakVerdict::Inconclusive:
        break;
    }
    return QStringLiteral(
               "<b style='color:#616161'>Leak verdict inconclusive</b> — too few minutes after the "
               "warm-up to judge the RSS trend (two hours are needed) · %1")
        .arg(source);
}

} // namespace

EnduranceView::EnduranceView(StoreRequests& store, QWidget* parent)
    : QWidget(parent)
    , m_store(store)
    , m_header(new QLabel(tr("No run open"), this))
    , m_span(new QLabel(this))
    , m_loading(new QLabel(this))
    , m_trend(new QLabel(this))
    , m_reset(new QPushButton(tr("Reset zoom"), this))
    , m_plots(new QWidget(this)) {
    QFont headerFont = m_header->font();
    headerFont.setPointSizeF(headerFont.pointSizeF() * 1.15);
    headerFont.setBold(true);
    m_header->setFont(headerFont);
    m_span->setStyleSheet(QStringLiteral("color: #546e7a;"));
    m_loading->setStyleSheet(QStringLiteral("color: #1565c0; font-weight: bold;"));
    m_trend->setObjectName(QStringLiteral("leakVerdict"));
    m_trend->setTextFormat(Qt::RichText);
    m_trend->setWordWrap(true);
    m_trend->setStyleSheet(QStringLiteral("QLabel { background: white; border: 1px solid #dde1e6; "
                                          "border-radius: 3px; padding: 5px 8px; }"));
    m_reset->setToolTip(tr("Show the whole run again (or double-click the charts)"));
    m_reset->setEnabled(false);

    auto* top = new QHBoxLayout;
    top->addWidget(m_header);
    top->addSpacing(12);
    top->addWidget(m_span, 1);
    top->addWidget(m_loading);
    top->addWidget(m_reset);

    auto* stack = new QVBoxLayout(m_plots);
    stack->setContentsMargins(0, 0, 0, kTimeAxisHeight);
    stack->setSpacing(2);
    m_charts = makeEnduranceCharts(m_plots);
    for (TimeSeriesChart* chart : m_charts)
        stack->addWidget(chart, chart == m_charts[0] ? 3 : 2);
    m_overlay = new EnduranceOverlay({m_charts.begin(), m_charts.end()}, m_plots);
    m_overlay->setToolTip(QString()); // tooltips come from event()
    m_plots->installEventFilter(this);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(10, 8, 10, 4);
    layout->addLayout(top);
    layout->addWidget(m_trend);
    layout->addWidget(m_plots, 1);

    connect(m_reset, &QPushButton::clicked, this, &EnduranceView::resetZoom);
    connect(m_overlay, &EnduranceOverlay::zoomRequested, this, &EnduranceView::zoom);
    connect(m_overlay, &EnduranceOverlay::panRequested, this, &EnduranceView::pan);
    connect(m_overlay, &EnduranceOverlay::resetRequested, this, &EnduranceView::resetZoom);
    connect(&m_store, &StoreRequests::enduranceRead, this,
            [this](const std::shared_ptr<const EnduranceSlice>& slice) {
                m_reading = false;
                showSlice(*slice);
            });
    connect(&m_store, &StoreRequests::enduranceFailed, this, [this](const QString& message) {
        m_reading = false;
        setLoading(false);
        showTrendText(tr("Could not read run %1: %2").arg(m_requestedRun).arg(message).toHtmlEscaped());
    });
    showTrendText(tr("Open a run to see its whole span: latency, throughput, errors, memory and CPU."));
}

EnduranceView::~EnduranceView() = default;

void EnduranceView::showRun(std::int64_t runId) {
    m_requestedRun = runId;
    m_shownRun = 0;
    m_run.reset();
    m_overlay->setEvents({});
    for (TimeSeriesChart* chart : m_charts)
        chart->clear();
    m_header->setText(tr("Run #%1").arg(runId));
    m_span->clear();
    showTrendText(tr("Reading the run from the store…"));
    m_reset->setEnabled(false);
    request(std::nullopt, true);
}

void EnduranceView::resetZoom() {
    if (m_requestedRun != 0)
        request(std::nullopt, true); // a running run has grown since: read its extent, events and trend again
}

void EnduranceView::zoom(std::int64_t anchorMs, double factor) {
    if (m_shownRun == 0 || m_shownRun != m_requestedRun)
        return;
    moveTo(m_window.zoomed(anchorMs, factor, m_extent, kMinimumSpanMs));
}

void EnduranceView::pan(std::int64_t deltaMs) {
    if (m_shownRun == 0 || m_shownRun != m_requestedRun)
        return;
    moveTo(m_window.panned(deltaMs, m_extent));
}

void EnduranceView::moveTo(const TimeWindow& window) {
    if (window == m_window)
        return;
    // The charts move at once with what they hold; the re-read fills in the new window's detail.
    m_window = window;
    setTimeRange(m_charts, m_window);
    m_overlay->setWindow(m_window, m_extent.fromMs);
    m_reset->setEnabled(m_window != m_extent);
    request(m_window, false);
}

void EnduranceView::request(std::optional<TimeWindow> window, bool withRunDetails) {
    m_columnsRead = plotColumns();
    m_reading = true;
    m_store.readEndurance({.runId = m_requestedRun,
                           .window = window,
                           .columns = m_columnsRead / kPixelsPerBucket,
                           .withRunDetails = withRunDetails});
    setLoading(true,
               m_shownRun == m_requestedRun ? tr("Loading…") : tr("Loading run #%1…").arg(m_requestedRun));
}

void EnduranceView::showSlice(const EnduranceSlice& slice) {
    if (slice.run)
        showRunDetails(slice);
    m_window = slice.window;
    drawSlice(m_charts, slice, m_trendLine);
    m_overlay->setWindow(m_window, m_extent.fromMs);
    m_reset->setEnabled(m_window != m_extent);
    m_span->setText(tr("showing %1 of %2 · %3, %4 buckets")
                        .arg(QString::fromStdString(formatSpan(m_window.span())),
                             QString::fromStdString(formatSpan(m_extent.span())),
                             tierName(slice.series.sourceMs))
                        .arg(slice.series.buckets.size()));
    setLoading(false);
    emit sliceShown(m_shownRun, m_window);
}

void EnduranceView::showRunDetails(const EnduranceSlice& slice) {
    m_shownRun = slice.runId;
    m_run = slice.run;
    m_extent = slice.extent;
    m_runTrend = slice.trend;
    m_trendLine = slice.trend.leak.verdict == LeakVerdict::Inconclusive
                      ? std::nullopt
                      : rssTrendLine(slice.series, slice.trend.leak.slopeMbPerHour);
    m_overlay->setEvents(slice.events);
    const QString started =
        QDateTime::fromMSecsSinceEpoch(m_run->startedMs).toString(QStringLiteral("yyyy-MM-dd HH:mm"));
    m_header->setText(tr("Run #%1 · %2 · %3 · %4, started %5")
                          .arg(m_run->id)
                          .arg(QString::fromStdString(m_run->name), QString::fromUtf8(toString(m_run->kind)),
                               QString::fromUtf8(toString(m_run->status)), started));
    // A run that ended too short for a trend never gets a verdict: the view says nothing about leaks then.
    const auto verdictSpanMs = std::chrono::milliseconds(TrendOptions{}.minimumSpan).count();
    const bool verdictPossible = m_run->status == RunStatus::Running || m_extent.span() >= verdictSpanMs ||
                                 m_runTrend.leak.verdict != LeakVerdict::Inconclusive;
    showTrendText(verdictPossible ? verdictText(m_runTrend, m_extent.toMs) : QString());
}

void EnduranceView::showTrendText(const QString& text) {
    m_trend->setText(text);
    m_trend->setVisible(!text.isEmpty());
}

void EnduranceView::setLoading(bool loading, const QString& text) {
    m_loading->setText(loading ? text : QString());
    emit loadingChanged(loading);
}

QString EnduranceView::headerText() const {
    return m_header->text();
}

QString EnduranceView::trendText() const {
    return m_trend->text();
}

std::size_t EnduranceView::plotColumns() const {
    const double plot = m_charts[0]->plotArea().width();
    const int fallback = m_plots->width() - 80; // before the first layout
    return static_cast<std::size_t>(std::max(plot > 50 ? plot : fallback, 100.0));
}

void EnduranceView::resizeEvent(QResizeEvent* event) {
    QWidget::resizeEvent(event);
    const double columns = static_cast<double>(plotColumns());
    if (m_shownRun != 0 && m_shownRun == m_requestedRun &&
        std::abs(columns - static_cast<double>(m_columnsRead)) > 0.15 * columns)
        request(m_window, false);
}

bool EnduranceView::eventFilter(QObject* watched, QEvent* event) {
    if (watched == m_plots && event->type() == QEvent::Resize) {
        m_overlay->setGeometry(m_plots->rect());
        m_overlay->raise();
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace perflab
