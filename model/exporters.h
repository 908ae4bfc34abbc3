// Run exports for spreadsheets and CI: per-second CSV and JUnit XML (one testcase per SLO).
#pragma once

#include "model/interval.h"
#include "model/summary.h"

#include <ostream>
#include <vector>

namespace perflab {

void writeCsv(std::ostream& out, const std::vector<IntervalRow>& rows);
void writeJUnit(std::ostream& out, const Summary& summary);

} // namespace perflab
