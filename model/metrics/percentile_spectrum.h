// The percentile spectrum of a latency histogram, as HdrHistogram plots it: values at percentiles that step
// towards 100 % evenly on the 1/(1-p) log scale.
#pragma once

#include "model/metrics/histogram.h"

#include <vector>

namespace perflab {

struct SpectrumPoint {
    double percentile = 0; // in [0, 100)
    double valueMs = 0;
};

// ticksPerHalfDistance points per halving of the distance to 100 % (HdrHistogram's percentile iteration),
// up to the percentile at which one sample remains, whose value is the maximum. Empty for an empty
// histogram.
std::vector<SpectrumPoint> percentileSpectrum(const Histogram& histogram, int ticksPerHalfDistance = 5);

// Where a percentile sits on the spectrum's x axis: log10(1 / (1 - p)), so 90 % is 1, 99 % is 2, ...
double spectrumPosition(double percentile) noexcept;

} // namespace perflab
