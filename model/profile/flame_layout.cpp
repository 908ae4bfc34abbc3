// FlameLayout: a depth-first walk from the zoom node (an explicit work list, so deep stacks cannot
// overflow the call stack), then a counting sort of the rects into rows.
#include "model/profile/flame_layout.h"

#include <algorithm>

namespace perflab {

FlameLayout::FlameLayout(const CallTree& tree, NodeId zoom, double width, double minFrameWidth)
    : m_zoom(zoom)
    , m_width(width) {
    const std::vector<NodeId> path = tree.path(zoom);
    m_ancestorRows = static_cast<std::uint32_t>(path.size()) - 1;
    for (std::uint32_t r = 0; r < m_ancestorRows; ++r)
        m_rects.push_back(
            {.x = 0, .width = width, .samples = tree.node(path[r]).total, .node = path[r], .row = r});
    const std::uint64_t zoomTotal = tree.node(zoom).total;
    const double scale = zoomTotal == 0 ? 0.0 : width / static_cast<double>(zoomTotal);
    std::vector<FlameRect> pending{
        {.x = 0, .width = width, .samples = zoomTotal, .node = zoom, .row = m_ancestorRows}};
    while (!pending.empty()) {
        const FlameRect rect = pending.back();
        pending.pop_back();
        m_rects.push_back(rect);
        if (rect.merged == 0 && rect.width >= minFrameWidth)
            layOutChildren(tree, rect, scale, minFrameWidth, pending);
    }
    sortIntoRows();
}

void FlameLayout::layOutChildren(const CallTree& tree, const FlameRect& parent, double scale,
                                 double minFrameWidth, std::vector<FlameRect>& pending) {
    const std::span<const NodeId> children = tree.children(parent.node);
    double x = parent.x;
    std::size_t i = 0;
    // Children come largest first, so the narrow ones form the tail.
    for (; i < children.size(); ++i) {
        const std::uint64_t samples = tree.node(children[i]).total;
        const double w = static_cast<double>(samples) * scale;
        if (w < minFrameWidth)
            break;
        pending.push_back(
            {.x = x, .width = w, .samples = samples, .node = children[i], .row = parent.row + 1});
        x += w;
    }
    if (i == children.size())
        return;
    std::uint64_t rest = 0;
    for (std::size_t j = i; j < children.size(); ++j)
        rest += tree.node(children[j]).total;
    const auto count = static_cast<std::uint32_t>(children.size() - i);
    m_rects.push_back({.x = x,
                       .width = static_cast<double>(rest) * scale,
                       .samples = rest,
                       .node = children[i],
                       .row = parent.row + 1,
                       .merged = count == 1 ? 0 : count});
}

void FlameLayout::sortIntoRows() {
    std::uint32_t rows = 0;
    for (const FlameRect& r : m_rects)
        rows = std::max(rows, r.row + 1);
    m_rowStart.assign(rows + 1, 0);
    for (const FlameRect& r : m_rects)
        ++m_rowStart[r.row + 1];
    for (std::size_t i = 1; i < m_rowStart.size(); ++i)
        m_rowStart[i] += m_rowStart[i - 1];
    std::vector<FlameRect> sorted(m_rects.size());
    std::vector<std::uint32_t> next(m_rowStart.begin(), m_rowStart.end() - 1);
    for (const FlameRect& r : m_rects)
        sorted[next[r.row]++] = r;
    for (std::uint32_t r = 0; r < rows; ++r)
        std::sort(sorted.begin() + m_rowStart[r], sorted.begin() + m_rowStart[r + 1],
                  [](const FlameRect& a, const FlameRect& b) { return a.x < b.x; });
    m_rects = std::move(sorted);
}

std::span<const FlameRect> FlameLayout::row(std::uint32_t r) const {
    if (r >= rowCount())
        return {};
    return std::span<const FlameRect>(m_rects).subspan(m_rowStart[r], m_rowStart[r + 1] - m_rowStart[r]);
}

const FlameRect* FlameLayout::at(double x, std::uint32_t r) const {
    const std::span<const FlameRect> rects = row(r);
    auto it =
        std::upper_bound(rects.begin(), rects.end(), x, [](double v, const FlameRect& f) { return v < f.x; });
    if (it == rects.begin())
        return nullptr;
    --it;
    return x < it->x + std::max(it->width, 1.0) ? &*it : nullptr;
}

} // namespace perflab
