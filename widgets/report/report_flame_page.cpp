// The report's flame graph page: the flame view's canvas laid out for the page width and rendered as vectors,
// then the hottest frames by self samples as a table, so their names and shares are text in the PDF.
#include "model/format/figure_format.h"
#include "widgets/flame/flame_canvas.h"
#include "widgets/flame/flame_layout_job.h"
#include "widgets/report/report_canvas.h"
#include "widgets/report/report_pages.h"

#include <QStringList>

#include <algorithm>
#include <numeric>

namespace perflab {
namespace {

constexpr std::size_t kHottestFrames = 10;
constexpr double kTableReserve = 270; // heading, note and a ten-row table below the graph

QString percentOf(std::uint64_t part, std::uint64_t whole) {
    return text(
               formatFixed(whole ? 100.0 * static_cast<double>(part) / static_cast<double>(whole) : 0.0, 2)) +
           QStringLiteral(" %");
}

void hottestFrames(ReportCanvas& canvas, const CallTree& tree) {
    std::vector<std::uint64_t> self(tree.profile().frameCount());
    for (NodeId id = 1; id < tree.size(); ++id)
        self[tree.node(id).frame] += tree.node(id).self;
    std::vector<FrameId> order(self.size());
    std::iota(order.begin(), order.end(), FrameId{0});
    const std::size_t shown = std::min(kHottestFrames, order.size());
    std::partial_sort(order.begin(), order.begin() + static_cast<long>(shown), order.end(),
                      [&](FrameId a, FrameId b) { return self[a] > self[b]; });
    std::vector<QStringList> rows = {
        {QStringLiteral("frame"), QStringLiteral("self samples"), QStringLiteral("self share")}};
    for (std::size_t i = 0; i < shown && self[order[i]] > 0; ++i)
        rows.push_back({text(tree.profile().frameName(order[i])), text(formatCount(self[order[i]])),
                        percentOf(self[order[i]], tree.totalSamples())});
    canvas.heading(QStringLiteral("Hottest frames (self samples)"));
    canvas.table({0.68, 0.16, 0.16}, rows);
}

QString sourcesLabel(const std::vector<std::string>& sources) {
    QStringList names;
    for (const std::string& source : sources)
        names.append(text(source));
    return names.join(QStringLiteral(", "));
}

} // namespace

void paintFlamePage(ReportCanvas& canvas, const RunReport& run) {
    FlameRequest request;
    request.profile = run.profile;
    request.width = canvas.width();
    const auto scene = FlameLayoutJob::compute(request);
    canvas.paragraph(
        QStringLiteral("%1 samples taken by %2; a frame's width is its share of the samples, its "
                       "callers below it. Frames narrower than %3 px are merged.")
            .arg(text(formatCount(scene->tree->totalSamples())), sourcesLabel(run.profileSources))
            .arg(FlameLayout::kMinFrameWidth),
        0.9);
    FlameCanvas flame;
    flame.setFont(ReportCanvas::font(7));
    flame.setScene(scene);
    flame.setMinimumHeight(0); // the page decides the height
    const double rowsHeight = static_cast<double>(scene->layout.rowCount()) * FlameCanvas::kRowHeight;
    // Deeper stacks than the page holds lose their innermost rows (the flame's top), never the callers.
    canvas.chart(flame, std::min(rowsHeight, std::max(0.0, canvas.remaining() - kTableReserve)));
    hottestFrames(canvas, *scene->tree);
}

} // namespace perflab
