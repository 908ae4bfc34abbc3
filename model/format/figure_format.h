// How reports print a run's figures (the PDF, and the tests that look for them in it): thousands grouped
// with commas, a fixed number of decimals per kind of figure.
#pragma once

#include "model/results/slo.h"
#include "model/results/summary.h"

#include <cstdint>
#include <string>
#include <vector>

namespace perflab {

inline constexpr double kBytesPerMiB = 1024.0 * 1024.0; // memory figures are shown in MiB

std::string formatCount(std::uint64_t count);        // 1,234,567
std::string formatFixed(double value, int decimals); // 1,234.57
std::string formatMs(double ms);                     // 1,234.57 (two decimals)
std::string formatRatePercent(double fraction);      // 0.004 (three decimals, of 100)
std::string formatDurationS(double seconds);         // 2 h 03 min 05 s
std::string formatChangePercent(double percent);     // +12.3 % / -4.0 %
std::string formatSignificant(double value);         // 1234, 0.1235 (four significant digits, run events)

struct HeadlineFigure {
    std::string caption; // "p95 latency"
    std::string value;   // "2.60"
    std::string unit;    // "ms"
};
// requests, throughput (req/s and req/min), error rate, mean, p50, p95, p99 and max latency; then, when there are
// any, the time to failure, the degraded answers and the hosted engine's own figures.
std::vector<HeadlineFigure> headlineFigures(const Summary& summary);

struct SloRow {
    std::string name;      // "p95_ms", "p95_ms over 1m"
    std::string threshold; // "< 100.00 ms", ">= 10,000 req/min"
    std::string value;     // "2.60 ms"
    std::string verdict;   // "pass" | "fail"
    std::string margin;    // room left before the limit, of the limit: "+97.4 %" (negative when failing)
};
SloRow sloRow(const SloResult& result);

} // namespace perflab
