// The endurance view's stacked charts (latency, throughput, errors, memory, CPU) and how a slice of a stored
// run is drawn on them: each figure's min/max envelope as a band, a line through the middle of each bucket.
#pragma once

#include "model/store/endurance_slice.h"

#include <QWidget>

#include <array>
#include <cstddef>
#include <optional>

namespace perflab {

class TimeSeriesChart;

enum class EnduranceChart { Latency, Throughput, Errors, Memory, Cpu };
inline constexpr std::size_t kEnduranceChartCount = 5;

using EnduranceCharts = std::array<TimeSeriesChart*, kEnduranceChartCount>;

// Creates the charts as children of `parent`, their plot areas aligned and their time axes hidden (the
// overlay draws one for all).
EnduranceCharts makeEnduranceCharts(QWidget* parent);
// Replaces every series with the slice's buckets, and the memory chart's trend line with `trend` (the whole
// run's, drawn as far as the window shows it).
void drawSlice(const EnduranceCharts& charts, const EnduranceSlice& slice,
               const std::optional<TrendLine>& trend);
void setTimeRange(const EnduranceCharts& charts, const TimeWindow& window);

} // namespace perflab
