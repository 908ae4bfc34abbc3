// Chrome's Trace Event Format for zone spans: complete ("X") events that chrome://tracing and Perfetto
// open, one track per thread.
#pragma once

#include "collectors/zones/zone_clock.h"
#include "collectors/zones/zone_thread.h"

#include <cstdint>
#include <ostream>
#include <span>

namespace perflab {

// Writes {"traceEvents":[{"name","cat","ph":"X","ts","dur","pid","tid"}...],"displayTimeUnit":"ms"}; ts in
// microseconds from originSteadyNs (a steady_clock time), cat the zone name's first part (the engine).
void writeChromeTrace(std::ostream& out, std::span<const ZoneSpan> spans,
                      const zone_clock::Calibration& clock, std::int64_t originSteadyNs);

} // namespace perflab
