// What a run's latency is measured from, said plainly for its summary and report: the intended send time
// (open model, paced users), or service time by design (unpaced virtual users).
#pragma once

#include "model/scenario/scenario.h"

#include <string>

namespace perflab {

// One sentence; a workload that is not known (an imported run) gets the generic one.
std::string latencyBasis(const Workload& workload);
std::string latencyBasisUnknown();

} // namespace perflab
