// Each workload model's latency semantics, in the words the report and the summary use.
#include "model/results/latency_basis.h"

namespace perflab {

std::string latencyBasis(const Workload& workload) {
    if (workload.model == WorkloadModel::ArrivalRate)
        return "Latency is measured from each request's intended send time (the arrival schedule), so a "
               "stalled target cannot hide its queueing delay; requests sent past their time count as late.";
    if (workload.pacing.count() > 0)
        return "Latency is measured from each paced user's scheduled send, so a stalled target cannot hide "
               "its queueing delay; sends past their slot count as late.";
    return "Virtual users without pacing send when their last answer came: latency here is service time by "
           "design, and a stalled target shows only in the requests it held, not in the ones never sent. "
           "Pacing or the arrival-rate model measures queueing.";
}

std::string latencyBasisUnknown() {
    return "The run's workload is not known (an imported run): how its latency was measured is not known.";
}

} // namespace perflab
