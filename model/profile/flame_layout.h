// The rectangles of a flame graph for a pixel width: what a flame view paints and hit-tests. Frames too
// narrow to see are merged, so the layout's size follows the pixels, not the profile's frame count.
#pragma once

#include "model/profile/call_tree.h"

#include <cstdint>
#include <span>
#include <vector>

namespace perflab {

struct FlameRect {
    double x = 0;     // pixels from the left edge
    double width = 0; // pixels
    std::uint64_t samples = 0;
    NodeId node = kRootNode;  // for a merged block: the first (largest) of the merged frames
    std::uint32_t row = 0;    // 0 = the root's row
    std::uint32_t merged = 0; // 0 for one frame; n >= 2 for a block of n sibling frames too narrow to draw
};

class FlameLayout {
public:
    static constexpr double kMinFrameWidth = 2.0;

    // Lays out the subtree under `zoom` across `width` pixels (x and width proportional to total samples).
    // The zoom node's ancestors take the first rows at full width, so the path to it stays in view.
    // Among a parent's children, those narrower than `minFrameWidth` become one merged block; only frames
    // at least that wide have their callees laid out.
    FlameLayout(const CallTree& tree, NodeId zoom, double width, double minFrameWidth = kMinFrameWidth);
    FlameLayout() = default;

    NodeId zoom() const { return m_zoom; }
    double width() const { return m_width; }
    std::span<const FlameRect> rects() const { return m_rects; }
    std::uint32_t rowCount() const { return static_cast<std::uint32_t>(m_rowStart.size()) - 1; }
    // Rows above the zoom node's: its ancestors (root first).
    std::uint32_t ancestorRows() const { return m_ancestorRows; }
    // The rects of one row, left to right.
    std::span<const FlameRect> row(std::uint32_t r) const;
    // The rect covering pixel column `x` on row `r`, or nullptr.
    const FlameRect* at(double x, std::uint32_t r) const;

private:
    void layOutChildren(const CallTree& tree, const FlameRect& parent, double scale, double minFrameWidth,
                        std::vector<FlameRect>& pending);
    void sortIntoRows();

    NodeId m_zoom = kRootNode;
    double m_width = 0;
    std::uint32_t m_ancestorRows = 0;
    std::vector<FlameRect> m_rects;
    std::vector<std::uint32_t> m_rowStart{0};
};

} // namespace perflab
