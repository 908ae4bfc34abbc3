// Each workload model's latency semantics, in the words the report and the summary use.
#include "model/results/latency_basis.h"

namespace perflab {

std::string latencyBasis(const Workload& workload) {
    // Each sentence names the limits of its claim: what is dropped, abandoned or left out of the percentiles.
    const std::string limits = " Only successful requests are in the percentiles (failures count as errors, "
                               "with their time to failure apart), and requests still unanswered when the "
                               "drain ends are abandoned, not counted.";
    if (workload.model == WorkloadModel::ArrivalRate)
        return "Latency is measured from each request's intended send time (the arrival schedule), so a "
               "stalled target cannot hide its queueing delay in the requests sent; requests sent past their "
               "time count as late, and arrivals that found every virtual user busy (max_vus) count as "
               "dropped sends, not in the percentiles." +
               limits;
    if (workload.pacing.count() > 0)
        return "Latency is measured from each paced user's scheduled send, so a stalled target cannot hide "
               "its queueing delay; sends past their slot count as late." +
               limits;
    return "Virtual users without pacing send when their last answer came: latency here is service time by "
           "design, and a stalled target shows only in the requests it held, not in the ones never sent. "
           "Pacing or the arrival-rate model measures queueing." +
           limits;
}

std::string latencyBasisUnknown() {
    return "The run's workload is not known (an imported run): how its latency was measured is not known.";
}

} // namespace perflab
