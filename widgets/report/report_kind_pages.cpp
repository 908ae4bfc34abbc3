// The pages of particular runs: breaking point (stress), endurance (soak), fault timeline (dependency
// failure) and the comparison with a baseline.
#include "model/format/figure_format.h"
#include "model/results/comparison.h"
#include "model/store/run_trend.h"
#include "widgets/charts/time_series_chart.h"
#include "widgets/charts/xy_chart.h"
#include "widgets/report/report_canvas.h"
#include "widgets/report/report_pages.h"

#include <algorithm>

namespace perflab {
namespace {

// The leak verdict's trend line in MiB, as the chart draws RSS.
std::vector<QPointF> trendLine(const ChartSeries& series, double slopeMibPerHour) {
    const auto line = rssTrendLine(series, slopeMibPerHour);
    if (!line)
        return {};
    return {{static_cast<double>(line->fromMs), line->fromBytes / kBytesPerMiB},
            {static_cast<double>(line->toMs), line->toBytes / kBytesPerMiB}};
}

// The summary's stress result: where the steps broke, the last one that held, the knee.
void stressTable(ReportCanvas& canvas, const StressResult& stress) {
    const auto offered = [&](const std::optional<double>& value, const QString& none) {
        return value ? text(formatSignificant(*value) + " " + stress.unit) : none;
    };
    const QString broke =
        stress.breakingPoint
            ? offered(stress.breakingPoint, {}) +
                  (stress.breakingReason.empty() ? QString()
                                                 : QStringLiteral(" (%1)").arg(text(stress.breakingReason)))
            : QStringLiteral("not reached: the target held every step");
    canvas.table(
        {0.4, 0.6},
        {{QStringLiteral("stress result"), QStringLiteral("offered load")},
         {QStringLiteral("breaking point"), broke},
         {QStringLiteral("last sustainable step"),
          offered(stress.lastSustainable, QStringLiteral("none: the first step already broke"))},
         {QStringLiteral("knee of the latency curve"), offered(stress.knee, QStringLiteral("none found"))}});
}

} // namespace

void paintStressPage(ReportCanvas& canvas, const RunReport& run) {
    if (run.summary.stress)
        stressTable(canvas, *run.summary.stress);
    else
        canvas.paragraph(
            QStringLiteral("The summary holds no stress result (the run ended before its summary)."));
    eventTable(canvas, run, {EventKind::BreakingPoint, EventKind::SloBreach},
               QStringLiteral("No breaking point or SLO breach events were recorded."), 6);
    XyChart chart(QStringLiteral("p95 latency against throughput (one point per second or chart bucket)"),
                  QStringLiteral("req/s"), QStringLiteral("p95 ms"), XyChart::XAxis::Linear);
    const QString name = QStringLiteral("p95 at that throughput");
    chart.addSeries(name, QColor(0xc6, 0x28, 0x28), Qt::SolidLine, true);
    std::vector<QPointF> points;
    for (const ChartBucket& b : run.overTime.buckets) {
        // first and last are each one real second's pair; min and max may come from different seconds.
        points.emplace_back(b[ChartFigure::Throughput].first, b[ChartFigure::LatencyP95].first);
        points.emplace_back(b[ChartFigure::Throughput].last, b[ChartFigure::LatencyP95].last);
    }
    chart.setData(name, points);
    canvas.chart(chart, canvas.remaining());
}

void paintEndurancePage(ReportCanvas& canvas, const RunReport& run) {
    const auto& leak = run.summary.leak;
    if (leak) {
        const QString hours = leak->hoursToMemoryLimit
                                  ? text(formatFixed(*leak->hoursToMemoryLimit, 1)) + " h"
                                  : QStringLiteral("no limit in sight");
        canvas.table(
            {0.45, 0.55},
            {{QStringLiteral("leak verdict"), text(std::string(toString(leak->verdict)))},
             {QStringLiteral("RSS slope"), text(formatFixed(leak->slopeMbPerHour, 3)) + " MiB/h"},
             {QStringLiteral("95 % interval"), text(formatFixed(leak->ciLowMbPerHour, 3)) + " to " +
                                                   text(formatFixed(leak->ciHighMbPerHour, 3)) + " MiB/h"},
             {QStringLiteral("minutes with a new RSS high"), QString::number(leak->rssNewHighs)},
             {QStringLiteral("time to the memory limit"), hours}});
    } else {
        canvas.paragraph(
            QStringLiteral("No leak verdict: the summary has none (a URL target's memory is out of "
                           "reach, or the run ended before its summary)."));
    }
    TimeSeriesChart rss(QStringLiteral("Memory (RSS) over the whole run, from the store's tiers"),
                        QStringLiteral("MiB"));
    rss.addSeries(QStringLiteral("RSS"), QColor(0x00, 0x83, 0x8f));
    rss.setEnvelopes(QStringLiteral("RSS"), run.overTime, ChartFigure::ProcessRss, 1 / kBytesPerMiB);
    if (leak) {
        rss.addSeries(QStringLiteral("trend"), QColor(0x42, 0x42, 0x42), Qt::DashLine);
        rss.setSeries(QStringLiteral("trend"), trendLine(run.overTime, leak->slopeMbPerHour));
    }
    const double height = canvas.remaining() / 2 - 10;
    canvas.chart(rss, height);
    dashboardChart(canvas, run, DashboardChart::Latency, height);
}

void paintFaultsPage(ReportCanvas& canvas, const RunReport& run) {
    // Faults first: a flapping breaker must not push the fault's end off the page.
    eventTable(canvas, run, {EventKind::Fault}, QStringLiteral("No fault events were recorded."), 6);
    eventTable(canvas, run, {EventKind::Breaker}, QStringLiteral("No circuit-breaker events were recorded."),
               6);
    const double height = canvas.remaining() / 2 - 10;
    dashboardChart(canvas, run, DashboardChart::Errors, height);
    dashboardChart(canvas, run, DashboardChart::Throughput, height);
}

void paintComparisonPage(ReportCanvas& canvas, const RunReport& run, const RunReport& baseline) {
    const Comparison c = compareRuns(baseline.summary, run.summary);
    canvas.paragraph(
        c.verdict == ComparisonVerdict::NotComparable
            ? QStringLiteral("Not comparable: %1").arg(text(c.whyNotComparable))
            : QStringLiteral("Verdict: %1 (tolerance %2 %)")
                  .arg(text(std::string(toString(c.verdict))), QString::number(c.tolerancePercent)),
        1.5, true);
    canvas.paragraph(QStringLiteral("Baseline: run #%1 %2. Candidate: run #%3 %4. Throughput x%5.")
                         .arg(baseline.run.id)
                         .arg(text(baseline.run.name))
                         .arg(run.run.id)
                         .arg(text(run.run.name), text(formatFixed(c.throughputRatio, 2))));
    std::vector<QStringList> rows = {{QStringLiteral("figure"), QStringLiteral("baseline"),
                                      QStringLiteral("candidate"), QStringLiteral("change"),
                                      QStringLiteral("")}};
    for (const FigureChange& f : c.changes)
        rows.push_back({text(f.name), text(formatFigure(f, f.baseline)), text(formatFigure(f, f.candidate)),
                        text(formatChangePercent(f.changePercent)), text(std::string(changeLabel(f)))});
    canvas.table({0.28, 0.2, 0.2, 0.17, 0.15}, rows);
    XyChart chart(QStringLiteral("Latency by percentile, both runs (corrected)"),
                  QStringLiteral("percentile"), QStringLiteral("ms"), XyChart::XAxis::Percentile);
    const QString before = QStringLiteral("baseline #%1").arg(baseline.run.id);
    const QString after = QStringLiteral("candidate #%1").arg(run.run.id);
    chart.addSeries(before, QColor(0x78, 0x90, 0x9c), Qt::DashLine);
    chart.addSeries(after, QColor(0x15, 0x65, 0xc0));
    chart.setData(before, spectrumPoints(baseline.latency));
    chart.setData(after, spectrumPoints(run.latency));
    canvas.chart(chart, canvas.remaining());
}

} // namespace perflab
