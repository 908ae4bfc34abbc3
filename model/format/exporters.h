// Run exports for spreadsheets, CI and HdrHistogram tools: per-second CSV, JUnit XML (one testcase per
// SLO, windowed ones named like "p95_ms over 1m") and the HdrHistogram interval log.
#pragma once

#include "model/metrics/interval.h"
#include "model/results/summary.h"
#include "model/store/run_store.h"

#include <ostream>
#include <vector>

namespace perflab {

void writeCsv(std::ostream& out, const std::vector<IntervalRow>& rows);
void writeJUnit(std::ostream& out, const Summary& summary);
// HdrHistogram interval log (format 1.3): one line per stored 10 s window, V2 compressed and base64,
// values in microseconds (Interval_Max in milliseconds), timestamps in seconds from the run's start.
// Corrected latency lines are untagged (what log tools read by default); service-time lines carry
// Tag=service_time.
void writeHlog(std::ostream& out, const std::vector<StoredHistogram>& windows, std::int64_t runStartMs,
               std::int64_t runEndMs);

} // namespace perflab
