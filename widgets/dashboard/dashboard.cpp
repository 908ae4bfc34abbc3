// Dashboard: turns interval rows into chart series, events into markers and badges; charts reduce to pixels.
#include "widgets/dashboard/dashboard.h"

#include "model/format/figure_format.h"
#include "model/results/summary.h"
#include "model/scenario/scenario.h"
#include "widgets/charts/chart_style.h"
#include "widgets/charts/time_series_chart.h"
#include "widgets/dashboard/headline_strip.h"
#include "widgets/dashboard/slo_badges.h"

#include <QCheckBox>
#include <QDateTime>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace perflab {
namespace {

const DashboardChartSpec& specOf(DashboardChart which) {
    return dashboardCharts()[static_cast<std::size_t>(which)];
}

QString errorKindName(ErrorKind kind) {
    return QString::fromLatin1(toString(kind).data(), static_cast<qsizetype>(toString(kind).size()));
}

// What the CPU and memory charts' "under test" lines are, from the newest second that says where the target
// ran; empty before any second arrives.
QString describeTarget(const std::vector<IntervalRow>& rows, const QString& target) {
    if (rows.empty())
        return {};
    const auto latest = std::find_if(rows.rbegin(), rows.rend(), [](const IntervalRow& r) {
        return r.resources.target != TargetPlacement::Unknown;
    });
    if (latest == rows.rend())
        return Dashboard::tr("This run measured its own process only: the generator and the process under "
                             "test were not told apart.");
    const ResourceSample& r = latest->resources;
    switch (r.target) {
    case TargetPlacement::Remote:
        return Dashboard::tr("Remote target (%1): not measured. The generator is the run process.")
            .arg(target);
    case TargetPlacement::SameProcess:
        return Dashboard::tr("Under test: %1, hosted in the run process. Its CPU is split off the run "
                             "process's; memory is shared: one RSS for both.")
            .arg(target);
    case TargetPlacement::SeparateProcess:
        if (r.targetPid == 0)
            return Dashboard::tr("Under test (%1): no process was found listening on its port: not measured.")
                .arg(target);
        if (!r.targetCpuPercent)
            return Dashboard::tr(
                       "Under test: process %1 (%2) has exited or cannot be read: not measured since.")
                .arg(r.targetPid)
                .arg(target);
        return Dashboard::tr("Under test: process %1, listening for %2, measured apart from the generator.")
            .arg(r.targetPid)
            .arg(target);
    case TargetPlacement::Unknown:
        break;
    }
    return {};
}

} // namespace

Dashboard::Dashboard(QWidget* parent)
    : QWidget(parent)
    , m_badges(new SloBadgeStrip(this))
    , m_headline(new HeadlineStrip(this)) {
    auto* grid = new QGridLayout;
    grid->setSpacing(8);
    for (const DashboardChartSpec& spec : dashboardCharts()) {
        const auto index = static_cast<int>(spec.chart);
        TimeSeriesChart* chart = makeChart(spec.chart, this);
        chart->setThinLines();
        m_charts[static_cast<std::size_t>(index)] = chart;
        grid->addWidget(chart, index / 3, index % 3);
        connect(chart, &TimeSeriesChart::rangePicked, this, &Dashboard::showRange);
        connect(chart, &TimeSeriesChart::selectionCleared, this, &Dashboard::clearSelection);
    }
    m_targetNote = new QLabel(this);
    m_targetNote->setObjectName(QStringLiteral("target-note"));
    m_targetNote->setWordWrap(true);
    // Its row keeps one height, shown or not, whatever it says: a change of height resized every chart, and
    // each laid out its axes and labels again (a 50-70 ms stall when a run's first seconds arrived).
    m_targetNote->setFixedHeight(2 * m_targetNote->fontMetrics().lineSpacing());
    QSizePolicy notePolicy = m_targetNote->sizePolicy();
    notePolicy.setRetainSizeWhenHidden(true);
    m_targetNote->setSizePolicy(notePolicy);
    m_targetNote->hide();
    // Under the CPU and memory charts, which it explains.
    const auto cpuIndex = static_cast<int>(DashboardChart::Cpu);
    grid->addWidget(m_targetNote, cpuIndex / 3 + 1, cpuIndex % 3, 1, 2);

    auto* figures = new QHBoxLayout;
    figures->setSpacing(8);
    figures->addWidget(m_headline, 1);
    figures->addWidget(makePercentilePicker(), 0, Qt::AlignBottom);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 8);
    layout->setSpacing(8);
    layout->addWidget(m_badges);
    layout->addLayout(figures);
    layout->addLayout(grid, 1);
    updateHeadline();

    m_redrawTimer.setSingleShot(true);
    m_redrawTimer.setInterval(33); // ~30 Hz at most
    connect(&m_redrawTimer, &QTimer::timeout, this, &Dashboard::redrawLive);
}

QWidget* Dashboard::makePercentilePicker() {
    auto* picker = new QWidget(this);
    auto* row = new QHBoxLayout(picker);
    row->setContentsMargins(0, 0, 0, 0);
    row->setSpacing(10);
    row->addWidget(new QLabel(tr("Latency also:"), picker));
    for (const DashboardSeriesSpec& s : dashboardSeries()) {
        if (!s.pickable)
            continue;
        const QString name = QString::fromLatin1(s.name);
        auto* box = new QCheckBox(name, picker);
        box->setObjectName(QStringLiteral("percentile-") + name);
        box->setToolTip(tr("Draw %1 on the latency chart").arg(name));
        connect(box, &QCheckBox::toggled, this,
                [this, name](bool on) { chart(DashboardChart::Latency)->setSeriesVisible(name, on); });
        row->addWidget(box);
    }
    return picker;
}

void Dashboard::setRun(const RunInfo& run) {
    const bool sameRun = m_run && m_run->id == run.id;
    m_run = run;
    if (!sameRun) {
        m_events.clear();
        m_markersStale = true;
        m_targetLabel.clear();
        try {
            const Scenario scenario = parseScenario(run.scenarioJson, "run " + std::to_string(run.id));
            m_badges->setSlos(scenario.slo, run.startedMs);
            m_targetLabel = QString::fromStdString(targetLabel(scenario.target));
        } catch (const std::exception& e) {
            m_badges->showUnavailable(QString::fromUtf8(e.what()));
        }
    }
    if (!run.summaryJson.empty()) {
        try {
            const Summary summary = summaryFromJson(run.summaryJson);
            m_badges->showVerdicts(summary.slos, run.endedMs);
            m_badges->showNoEvidence(QString::fromStdString(summary.verdictReason),
                                     summary.status == RunStatus::Failed);
        } catch (const std::exception& e) {
            m_badges->setToolTip(
                tr("The run's summary could not be read: %1").arg(QString::fromUtf8(e.what())));
        }
    }
    scheduleRedraw();
}

void Dashboard::setRows(std::vector<IntervalRow> rows) {
    m_rows = std::move(rows);
    m_redrawTimer.stop();
    redraw();
}

void Dashboard::appendRows(const std::vector<IntervalRow>& rows) {
    m_rows.insert(m_rows.end(), rows.begin(), rows.end());
    scheduleRedraw();
}

void Dashboard::appendEvents(const std::vector<RunEvent>& events) {
    m_events.insert(m_events.end(), events.begin(), events.end());
    m_badges->addEvents(events);
    m_markersStale = true;
    scheduleRedraw();
}

void Dashboard::scheduleRedraw() {
    if (!m_redrawTimer.isActive())
        m_redrawTimer.start();
}

void Dashboard::clear() {
    m_run.reset();
    m_targetLabel.clear();
    m_events.clear();
    m_markersStale = true;
    m_badges->clear();
    clearSelection();
    setRows({});
}

TimeSeriesChart* Dashboard::chart(DashboardChart which) const {
    return m_charts[static_cast<std::size_t>(which)];
}

void Dashboard::showRange(double fromMs, double toMs) {
    m_selection =
        std::pair{static_cast<qint64>(std::llround(fromMs)), static_cast<qint64>(std::llround(toMs))};
    for (TimeSeriesChart* c : m_charts)
        c->setSelection(std::pair{fromMs, toMs});
    emit rangeSelected(m_selection->first, m_selection->second);
}

void Dashboard::clearSelection() {
    const bool had = m_selection.has_value();
    m_selection.reset();
    for (TimeSeriesChart* c : m_charts)
        c->setSelection(std::nullopt);
    if (had)
        emit selectionCleared();
}

void Dashboard::redraw() {
    const std::vector<double> xs = rowTimes();
    for (std::size_t index = 0; index < m_charts.size(); ++index)
        drawChart(index, xs);
    drawFigures();
}

void Dashboard::redrawLive() {
    const bool drawing = m_liveChart < m_charts.size();
    m_liveChart = 0; // a pass under way starts over with the new rows
    if (!drawing)
        drawNextLive();
}

// One chart per turn of the event loop, so input, paints and the run's next rows get in between: while a
// run's first seconds relabel every axis, all six at once held the UI thread for over 25 ms.
void Dashboard::drawNextLive() {
    if (m_liveChart == 0)
        drawFigures();
    drawChart(m_liveChart, rowTimes());
    if (++m_liveChart < m_charts.size())
        QMetaObject::invokeMethod(this, &Dashboard::drawNextLive, Qt::QueuedConnection);
}

std::vector<double> Dashboard::rowTimes() const {
    std::vector<double> xs(m_rows.size());
    for (std::size_t i = 0; i < m_rows.size(); ++i)
        xs[i] = static_cast<double>(m_rows[i].startMs);
    return xs;
}

void Dashboard::drawChart(std::size_t index, const std::vector<double>& xs) {
    TimeSeriesChart& c = *m_charts[index];
    c.beginUpdate();
    for (const DashboardSeriesSpec& s : dashboardSeries()) {
        if (static_cast<std::size_t>(s.chart) != index)
            continue;
        std::vector<double> ys(m_rows.size());
        for (std::size_t i = 0; i < m_rows.size(); ++i)
            ys[i] = s.value(m_rows[i]) * s.scale;
        c.setData(QString::fromLatin1(s.name), xs, std::move(ys));
    }
    if (index == static_cast<std::size_t>(DashboardChart::Errors))
        drawErrorKinds(xs);
    c.endUpdate();
}

void Dashboard::drawFigures() {
    if (m_markersStale)
        drawMarkers();
    if (!m_rows.empty())
        m_badges->showLatest(m_rows.back());
    updateHeadline();
    updateTargetNote();
}

QString Dashboard::targetNote() const {
    return m_targetNote->text();
}

void Dashboard::updateTargetNote() {
    const QString note = describeTarget(m_rows, m_targetLabel.isEmpty() ? tr("the target") : m_targetLabel);
    m_targetNote->setText(note);
    m_targetNote->setVisible(!note.isEmpty());
    for (DashboardChart which : {DashboardChart::Cpu, DashboardChart::Memory})
        chart(which)->setToolTip(note);
}

// One line per error kind that occurred in the run, added the first time it occurs.
void Dashboard::drawErrorKinds(const std::vector<double>& xs) {
    TimeSeriesChart& errors = *chart(DashboardChart::Errors);
    for (std::size_t k = 0; k < kErrorKindCount; ++k) {
        const auto kind = static_cast<ErrorKind>(k);
        const QString name = errorKindName(kind);
        const bool occurred = std::any_of(m_rows.begin(), m_rows.end(),
                                          [k](const IntervalRow& r) { return r.counts.errorsByKind[k] > 0; });
        if (!occurred) {
            if (errors.hasSeries(name)) {
                errors.setData(name, {}, {});
                errors.setSeriesVisible(name, false);
            }
            continue;
        }
        if (!errors.hasSeries(name))
            errors.addSeries(name, errorKindColor(kind));
        std::vector<double> ys(m_rows.size());
        for (std::size_t i = 0; i < m_rows.size(); ++i)
            ys[i] = errorsPerSecond(m_rows[i], kind);
        errors.setData(name, xs, std::move(ys));
        errors.setSeriesVisible(name, true);
    }
}

std::int64_t Dashboard::runStartMs() const {
    if (m_run)
        return m_run->startedMs;
    return m_rows.empty() ? 0 : m_rows.front().startMs;
}

void Dashboard::drawMarkers() {
    m_markersStale = false;
    const std::vector<ChartMarker> markers = markersOf(m_events, runStartMs());
    for (TimeSeriesChart* c : m_charts)
        c->setMarkers(markers);
}

std::vector<ChartMarker> Dashboard::markersOf(const std::vector<RunEvent>& events, std::int64_t runStartMs) {
    std::vector<ChartMarker> markers;
    markers.reserve(events.size());
    for (const RunEvent& e : events) {
        const QString when = formatRunTime(e.tsMs - runStartMs) + QStringLiteral(" (") +
                             QDateTime::fromMSecsSinceEpoch(e.tsMs).toString(QStringLiteral("HH:mm:ss")) +
                             QStringLiteral(")");
        markers.push_back({.xMs = static_cast<double>(e.tsMs),
                           .color = eventColor(e.kind),
                           .toolTip = when + QStringLiteral("  ") + QString::fromUtf8(toString(e.kind)) +
                                      QStringLiteral(": ") + QString::fromStdString(e.message)});
    }
    return markers;
}

TimeSeriesChart* Dashboard::makeChart(DashboardChart which, QWidget* parent) {
    const DashboardChartSpec& spec = specOf(which);
    auto* chart = new TimeSeriesChart(tr(spec.title), tr(spec.unit), parent);
    if (spec.yCeiling > 0)
        chart->setYCeiling(spec.yCeiling);
    for (const DashboardSeriesSpec& s : dashboardSeries()) {
        if (s.chart != which)
            continue;
        chart->addSeries(QString::fromLatin1(s.name), QColor::fromRgb(s.color), s.style);
        if (s.pickable)
            chart->setSeriesVisible(QString::fromLatin1(s.name), false);
    }
    return chart;
}

void Dashboard::showSeries(TimeSeriesChart& chart, DashboardChart which, const ChartSeries& series) {
    for (const DashboardSeriesSpec& s : dashboardSeries())
        if (s.chart == which && s.figure && chart.hasSeries(QString::fromLatin1(s.name)))
            chart.setEnvelopes(QString::fromLatin1(s.name), series, *s.figure, s.scale);
}

void Dashboard::updateHeadline() {
    const QLocale locale(QLocale::English);
    RequestCounts total;
    for (const IntervalRow& r : m_rows)
        total += r.counts;
    const IntervalRow last = m_rows.empty() ? IntervalRow{} : m_rows.back();
    m_headline->setFigure(QStringLiteral("requests"), tr("Requests"),
                          locale.toString(qulonglong{total.requests}));
    // Throughput counts successes; when some failed, the attempted rate stands under it.
    m_headline->setFigure(QStringLiteral("throughput"), tr("Throughput (last second)"),
                          locale.toString(last.throughputRps(), 'f', 1) + QStringLiteral(" req/s"),
                          last.counts.errors > 0
                              ? tr("of %1 attempted").arg(locale.toString(last.attemptedRps(), 'f', 0))
                              : QString());
    m_headline->setFigure(QStringLiteral("p95"), tr("p95 latency (last second)"),
                          locale.toString(last.latency.p95, 'f', 2) + QStringLiteral(" ms"));
    // Degraded answers (served from a fallback) are no errors, but they are what stands in for them.
    m_headline->setFigure(
        QStringLiteral("errors"), tr("Errors"), locale.toString(100.0 * total.errorRate(), 'f', 2) + " %",
        total.degraded > 0 ? tr("%1 % degraded").arg(locale.toString(100.0 * total.degradedRate(), 'f', 2))
                           : QString());
    m_headline->setFigure(QStringLiteral("cpu"), tr("CPU (process)"),
                          locale.toString(last.resources.processCpuPercent, 'f', 0) + " %");
    m_headline->setFigure(
        QStringLiteral("memory"), tr("Memory (RSS)"),
        locale.toString(static_cast<double>(last.resources.processRssBytes) / kBytesPerMiB, 'f', 1) + " MiB");
}

} // namespace perflab
