// The pages every report has: cover, executive summary, figures over time, resources, percentile spectrum.
#include "widgets/report/report_pages.h"

#include "model/format/figure_format.h"
#include "model/metrics/percentile_spectrum.h"
#include "widgets/charts/time_series_chart.h"
#include "widgets/charts/xy_chart.h"
#include "widgets/dashboard/dashboard.h"
#include "widgets/report/report_canvas.h"

#include <QDateTime>

#include <algorithm>
#include <cmath>
#include <memory>

namespace perflab {
namespace {

QString dateTime(std::int64_t ms) {
    return ms > 0 ? QDateTime::fromMSecsSinceEpoch(ms).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss t"))
                  : QStringLiteral("still running");
}

QString verdictOf(const RunReport& r) {
    if (r.summaryRecomputed)
        return QStringLiteral("%1 (no SLO verdicts stored)").arg(text(toString(r.run.status)));
    const QString verdict = r.summary.passed ? QStringLiteral("PASSED") : QStringLiteral("FAILED");
    const bool endedEarly = r.summary.status == RunStatus::Stopped || r.summary.status == RunStatus::Aborted;
    return endedEarly ? QStringLiteral("%1 (%2)").arg(verdict, text(toString(r.summary.status))) : verdict;
}

void paintCover(ReportCanvas& canvas, const RunReport& r) {
    canvas.space(60);
    canvas.paragraph(QStringLiteral("Performance report"), 1.3);
    canvas.paragraph(text(r.run.name), 2.2, true);
    canvas.space(10);
    canvas.paragraph(QStringLiteral("Verdict: ") + verdictOf(r), 1.8, true);
    if (!r.summary.verdictReason.empty())
        canvas.paragraph(text(r.summary.verdictReason));
    canvas.space(20);
    const auto orUnknown = [](const std::string& s) {
        return s.empty() ? QStringLiteral("not recorded") : text(s);
    };
    canvas.table({0.3, 0.7}, {{QStringLiteral("Run"), QStringLiteral("#%1").arg(r.run.id)},
                              {QStringLiteral("Kind"), text(toString(r.run.kind))},
                              {QStringLiteral("Target"), orUnknown(r.target)},
                              {QStringLiteral("Start"), dateTime(r.run.startedMs)},
                              {QStringLiteral("End"), dateTime(r.run.endedMs)},
                              {QStringLiteral("Duration"), text(formatDurationS(r.summary.durationS))},
                              {QStringLiteral("Status"), text(toString(r.run.status))},
                              {QStringLiteral("Host"), orUnknown(r.summary.host)},
                              {QStringLiteral("Perflab version"), orUnknown(r.summary.perflabVersion)}});
}

void paintSummary(ReportCanvas& canvas, const RunReport& r) {
    canvas.heading(QStringLiteral("Service level objectives"));
    std::vector<QStringList> slos = {{QStringLiteral("SLO"), QStringLiteral("threshold"),
                                      QStringLiteral("value"), QStringLiteral("verdict"),
                                      QStringLiteral("margin")}};
    for (const SloResult& result : r.summary.slos) {
        const SloRow row = sloRow(result);
        slos.push_back(
            {text(row.name), text(row.threshold), text(row.value), text(row.verdict), text(row.margin)});
    }
    if (slos.size() == 1)
        canvas.paragraph(r.summaryRecomputed
                             ? QStringLiteral("The store holds no summary of this run (status %1): "
                                              "the figures below are recomputed from its "
                                              "stored tiers, without SLO verdicts.")
                                   .arg(text(toString(r.run.status)))
                             : QStringLiteral("The scenario set no SLOs."));
    else
        canvas.table({0.3, 0.2, 0.2, 0.12, 0.18}, slos);
    canvas.heading(QStringLiteral("Headline figures"));
    std::vector<QStringList> rows = {
        {QStringLiteral("figure"), QStringLiteral("value"), QStringLiteral("unit")}};
    for (const HeadlineFigure& f : headlineFigures(r.summary))
        rows.push_back({text(f.caption), text(f.value), text(f.unit)});
    rows.push_back({QStringLiteral("errors"), text(formatCount(r.summary.counts.errors)), QString()});
    rows.push_back({QStringLiteral("degraded (served from a fallback)"),
                    text(formatCount(r.summary.counts.degraded)), QString()});
    rows.push_back({QStringLiteral("late sends"), text(formatCount(r.summary.counts.lateSends)), QString()});
    canvas.table({0.4, 0.35, 0.25}, rows);
    canvas.paragraph(text(r.latencyBasis) + QStringLiteral(" Percentiles come from the run's merged HDR "
                                                           "histograms."),
                     0.9);
}

void paintDashboardCharts(ReportCanvas& canvas, const RunReport& r,
                          std::initializer_list<DashboardChart> charts) {
    const double height =
        (canvas.remaining() - 10.0 * static_cast<double>(charts.size())) / static_cast<double>(charts.size());
    for (DashboardChart which : charts)
        dashboardChart(canvas, r, which, height);
}

void paintSpectrum(ReportCanvas& canvas, const RunReport& r) {
    XyChart chart(QStringLiteral("Latency by percentile"), QStringLiteral("percentile"), QStringLiteral("ms"),
                  XyChart::XAxis::Percentile);
    const QString corrected = QStringLiteral("corrected (from intended send time)");
    const QString raw = QStringLiteral("raw (service time)");
    chart.addSeries(corrected, QColor(0x15, 0x65, 0xc0));
    chart.addSeries(raw, QColor(0xef, 0x6c, 0x00), Qt::DashLine);
    chart.setData(corrected, spectrumPoints(r.latency));
    chart.setData(raw, spectrumPoints(r.serviceTime));
    canvas.chart(chart, canvas.remaining() * 0.6);
    std::vector<QStringList> rows = {{QStringLiteral("percentile"), corrected, raw}};
    for (double p : {50.0, 90.0, 99.0, 99.9, 99.99})
        rows.push_back({QString::number(p) + QStringLiteral(" %"),
                        text(formatMs(static_cast<double>(r.latency.percentile(p)) / 1000.0)) + " ms",
                        text(formatMs(static_cast<double>(r.serviceTime.percentile(p)) / 1000.0)) + " ms"});
    rows.push_back({QStringLiteral("max"),
                    text(formatMs(static_cast<double>(r.latency.max()) / 1000.0)) + " ms",
                    text(formatMs(static_cast<double>(r.serviceTime.max()) / 1000.0)) + " ms"});
    canvas.table({0.2, 0.4, 0.4}, rows);
}

} // namespace

QString pageTitle(ReportPage page) {
    switch (page) {
    case ReportPage::Cover:
        return QStringLiteral("Cover");
    case ReportPage::Summary:
        return QStringLiteral("Executive summary");
    case ReportPage::OverTime:
        return QStringLiteral("Latency, throughput and errors over time");
    case ReportPage::Resources:
        return QStringLiteral("Resources");
    case ReportPage::Spectrum:
        return QStringLiteral("Percentile spectrum");
    case ReportPage::Stress:
        return QStringLiteral("Breaking point");
    case ReportPage::Endurance:
        return QStringLiteral("Endurance");
    case ReportPage::Faults:
        return QStringLiteral("Fault timeline");
    case ReportPage::Flame:
        return QStringLiteral("Flame graph");
    case ReportPage::Comparison:
        return QStringLiteral("Comparison with the baseline");
    }
    return {};
}

std::vector<ReportPage> reportPages(const RunReport& run, bool hasBaseline) {
    std::vector<ReportPage> pages = {ReportPage::Cover, ReportPage::Summary, ReportPage::OverTime,
                                     ReportPage::Resources, ReportPage::Spectrum};
    if (run.run.kind == TestKind::Stress)
        pages.push_back(ReportPage::Stress);
    if (run.run.kind == TestKind::Soak)
        pages.push_back(ReportPage::Endurance);
    if (run.run.kind == TestKind::DependencyFailure)
        pages.push_back(ReportPage::Faults);
    if (run.profile && run.profile->totalSamples() > 0)
        pages.push_back(ReportPage::Flame);
    if (hasBaseline)
        pages.push_back(ReportPage::Comparison);
    return pages;
}

void paintPage(ReportPage page, ReportCanvas& canvas, const RunReport& run, const RunReport* baseline) {
    if (page != ReportPage::Cover)
        canvas.heading(pageTitle(page));
    switch (page) {
    case ReportPage::Cover:
        return paintCover(canvas, run);
    case ReportPage::Summary:
        return paintSummary(canvas, run);
    case ReportPage::OverTime:
        return paintDashboardCharts(
            canvas, run, {DashboardChart::Latency, DashboardChart::Throughput, DashboardChart::Errors});
    case ReportPage::Resources:
        return paintDashboardCharts(canvas, run,
                                    {DashboardChart::Cpu, DashboardChart::Memory, DashboardChart::Users});
    case ReportPage::Spectrum:
        return paintSpectrum(canvas, run);
    case ReportPage::Stress:
        return paintStressPage(canvas, run);
    case ReportPage::Endurance:
        return paintEndurancePage(canvas, run);
    case ReportPage::Faults:
        return paintFaultsPage(canvas, run);
    case ReportPage::Flame:
        return paintFlamePage(canvas, run);
    case ReportPage::Comparison:
        if (baseline)
            paintComparisonPage(canvas, run, *baseline);
        return;
    }
}

void eventTable(ReportCanvas& canvas, const RunReport& run, const std::vector<EventKind>& kinds,
                const QString& none, std::size_t maxRows) {
    std::vector<QStringList> rows = {{QStringLiteral("at"), QStringLiteral("event"), QStringLiteral("what")}};
    std::size_t more = 0;
    for (const RunEvent& e : run.events) {
        if (std::find(kinds.begin(), kinds.end(), e.kind) == kinds.end())
            continue;
        if (rows.size() > maxRows)
            ++more;
        else
            rows.push_back({elapsedLabel(run, e.tsMs), text(toString(e.kind)), text(e.message)});
    }
    if (rows.size() == 1)
        canvas.paragraph(none);
    else
        canvas.table({0.15, 0.17, 0.68}, rows);
    if (more > 0) // the page has room for so many
        canvas.paragraph(QStringLiteral("... and %1 more events of these kinds").arg(more), 0.9);
}

QString elapsedLabel(const RunReport& run, std::int64_t atMs) {
    return text(formatDurationS(static_cast<double>(atMs - run.run.startedMs) / 1000.0));
}

QString text(std::string_view s) {
    return QString::fromUtf8(s);
}

std::vector<QPointF> spectrumPoints(const Histogram& histogram) {
    std::vector<QPointF> points;
    for (const SpectrumPoint& p : percentileSpectrum(histogram))
        points.emplace_back(p.percentile, p.valueMs);
    return points;
}

void dashboardChart(ReportCanvas& canvas, const RunReport& run, DashboardChart which, double height) {
    const std::unique_ptr<TimeSeriesChart> chart(Dashboard::makeChart(which));
    Dashboard::showSeries(*chart, which, run.overTime);
    // A figure the run never measured (the process under test of a remote target or an older run) leaves
    // the legend; the screen says why in a note instead.
    for (const QString& name : chart->seriesNames()) {
        const QList<QPointF> points = chart->drawnPoints(name);
        if (std::none_of(points.begin(), points.end(), [](const QPointF& p) { return std::isfinite(p.y()); }))
            chart->setSeriesVisible(name, false);
    }
    chart->setMarkers(Dashboard::markersOf(run.events, run.run.startedMs));
    canvas.chart(*chart, height);
}

} // namespace perflab
