// M4 reduction (Jugel et al., "M4: a visualization-oriented time series data aggregation"), one pass.
#include "model/metrics/decimate.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace perflab {
namespace {

struct Column {
    std::size_t first = 0, min = 0, max = 0, last = 0;
};

// Appends the column's distinct indices in index order, so the output stays in time order.
void emit(const Column& c, std::vector<std::size_t>& out) {
    std::size_t picks[4] = {c.first, c.min, c.max, c.last};
    std::sort(std::begin(picks), std::end(picks));
    for (std::size_t i : picks)
        if (out.empty() || out.back() != i)
            out.push_back(i);
}

} // namespace

std::vector<std::size_t> m4Indices(std::span<const double> xs, std::span<const double> ys,
                                   std::size_t columns) {
    if (xs.size() != ys.size())
        throw std::invalid_argument("m4Indices: " + std::to_string(xs.size()) + " x values but " +
                                    std::to_string(ys.size()) + " y values");
    if (columns == 0)
        throw std::invalid_argument("m4Indices: the pixel width must be at least one column");
    std::vector<std::size_t> out;
    const std::size_t n = xs.size();
    if (n <= 4 * columns) {
        out.resize(n);
        for (std::size_t i = 0; i < n; ++i)
            out[i] = i;
        return out;
    }
    out.reserve(4 * columns);
    const double x0 = xs.front();
    const double span = xs.back() - x0;
    // Points sharing the first x (a zero span) all fall into column 0.
    const double scale = span > 0 ? static_cast<double>(columns) / span : 0;
    auto columnOf = [&](double x) {
        const double c = std::floor((x - x0) * scale);
        return static_cast<std::size_t>(std::clamp(c, 0.0, static_cast<double>(columns - 1)));
    };
    Column current;
    std::size_t currentColumn = columnOf(xs[0]);
    for (std::size_t i = 1; i < n; ++i) {
        if (xs[i] < xs[i - 1])
            throw std::invalid_argument("m4Indices: x values must be in time order, but x[" +
                                        std::to_string(i) + "] is before x[" + std::to_string(i - 1) + "]");
        const std::size_t column = columnOf(xs[i]);
        if (column != currentColumn) {
            emit(current, out);
            current = Column{i, i, i, i};
            currentColumn = column;
            continue;
        }
        current.last = i;
        // A gap (NaN) never becomes a column's extreme unless the column holds nothing else.
        if (ys[i] < ys[current.min] || std::isnan(ys[current.min]))
            current.min = i;
        if (ys[i] > ys[current.max] || std::isnan(ys[current.max]))
            current.max = i;
    }
    emit(current, out);
    return out;
}

} // namespace perflab
