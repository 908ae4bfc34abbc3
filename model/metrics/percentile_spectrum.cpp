// Percentile spectrum: HdrHistogram's percentile iteration over our Histogram.
#include "model/metrics/percentile_spectrum.h"

#include <algorithm>
#include <cmath>

namespace perflab {

std::vector<SpectrumPoint> percentileSpectrum(const Histogram& histogram, int ticksPerHalfDistance) {
    std::vector<SpectrumPoint> points;
    if (histogram.empty())
        return points;
    const double count = static_cast<double>(histogram.count());
    const int ticks = std::max(1, ticksPerHalfDistance);
    // Beyond 1 - 1/count the remaining fraction holds less than one sample: every percentile is the max.
    const double lastFraction = 1.0 / std::max(2.0, count);
    for (int step = 0;; ++step) {
        const double remaining = std::exp2(-static_cast<double>(step) / ticks);
        const double fraction = std::max(remaining, lastFraction);
        const double percentile = 100.0 * (1.0 - fraction);
        points.push_back({percentile, static_cast<double>(histogram.percentile(percentile)) / 1000.0});
        if (fraction <= lastFraction)
            break;
    }
    points.back().valueMs = static_cast<double>(histogram.max()) / 1000.0;
    return points;
}

double spectrumPosition(double percentile) noexcept {
    const double remaining = std::max(1e-12, 1.0 - percentile / 100.0);
    return std::log10(1.0 / remaining);
}

} // namespace perflab
