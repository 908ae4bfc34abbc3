// The pages a PDF report can have, which of them a run gets, and what each one shows.
#pragma once

#include "model/store/run_report.h"
#include "widgets/dashboard/dashboard.h"

#include <QPointF>
#include <QString>

#include <vector>

namespace perflab {

class ReportCanvas;

enum class ReportPage {
    Cover,
    Summary,
    OverTime,
    Resources,
    Spectrum,
    Stress,
    Endurance,
    Faults,
    Flame,
    Comparison
};

QString pageTitle(ReportPage page);
// Every run gets the first five; stress, soak and dependency-failure runs their own page; a profiled run its
// flame graph; a baseline the comparison.
std::vector<ReportPage> reportPages(const RunReport& run, bool hasBaseline);
void paintPage(ReportPage page, ReportCanvas& canvas, const RunReport& run, const RunReport* baseline);

// The kind-specific and comparison pages (report_kind_pages.cpp).
void paintStressPage(ReportCanvas& canvas, const RunReport& run);
void paintEndurancePage(ReportCanvas& canvas, const RunReport& run);
void paintFaultsPage(ReportCanvas& canvas, const RunReport& run);
// The run's flame graph, painted by the flame view's own canvas (report_flame_page.cpp).
void paintFlamePage(ReportCanvas& canvas, const RunReport& run);
void paintComparisonPage(ReportCanvas& canvas, const RunReport& run, const RunReport& baseline);

// Shared by the pages: a table of the run's events of these kinds (at most maxRows, then how many more),
// `none` when there are none; a time as the run's elapsed time.
void eventTable(ReportCanvas& canvas, const RunReport& run, const std::vector<EventKind>& kinds,
                const QString& none, std::size_t maxRows);
QString elapsedLabel(const RunReport& run, std::int64_t atMs);
QString text(std::string_view s);
// The dashboard's own chart, filled from the store's tiers: the report draws what the screen draws.
void dashboardChart(ReportCanvas& canvas, const RunReport& run, DashboardChart which, double height);
// A histogram's percentile spectrum as XyChart points (percentile, ms).
std::vector<QPointF> spectrumPoints(const Histogram& histogram);

} // namespace perflab
