// The colors of a flame view: warm frames, a search highlight, and red/blue for a differential. Fills are
// light enough for dark text on both light and dark window palettes.
#pragma once

#include <QColor>

#include <string_view>

namespace perflab {

namespace flame_palette {

// A warm color, stable for a name across profiles and sessions (a hash, not the position).
QColor frame(std::string_view name);
// A frame matching the search.
QColor match();
// A frame not matching an active search: the frame's color washed out, so matches stand out.
QColor unmatched(const QColor& frame);
// Differential: red for growth, blue for shrinkage, grey for none; saturation is |change| / largest.
QColor change(double change, double largest);
// A block of merged frames too narrow to draw one by one.
QColor merged();
// Callers of the zoomed frame (context rows).
QColor ancestor();
// Labels on every fill above.
QColor text();

} // namespace flame_palette

} // namespace perflab
