// M4 reduction of a time series to a pixel width: first, min, max and last point of each pixel column.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

namespace perflab {

// Indices (ascending) of the points to draw when xs/ys are shown across `columns` pixel columns.
// Each column keeps its first, lowest, highest and last point, so the drawn line looks the same as
// the full series while at most 4 * columns points remain. xs must be non-decreasing (time order);
// a series already within the bound comes back whole. Throws std::invalid_argument when xs and ys
// differ in length or columns is 0.
std::vector<std::size_t> m4Indices(std::span<const double> xs, std::span<const double> ys,
                                   std::size_t columns);

} // namespace perflab
