// Picks the target meter of a run from its scenario target and resolved plan.
#include "app/run/target_measurement.h"

#include "collectors/resources/process_threads.h"

#include <algorithm>
#include <unistd.h>

namespace perflab {

std::unique_ptr<TargetMeter> targetMeterFor(const Target& spec, const load::TargetPlan& plan) {
    if (spec.engine)
        return threadTarget(profiling::kEngineThreadName);
    // The first request's address: a mix of several hosts is measured by its first.
    const auto endpoints = plan.endpoints(plan.requests().front().endpoint);
    const auto loopback = std::find_if(endpoints.begin(), endpoints.end(),
                                       [](const auto& e) { return e.address().is_loopback(); });
    if (loopback == endpoints.end())
        return remoteTarget();
    std::vector<pid_t> pids = listeningProcesses(loopback->port());
    if (std::find(pids.begin(), pids.end(), ::getpid()) != pids.end())
        return threadTarget(profiling::kEngineThreadName);
    return processTarget(std::move(pids));
}

} // namespace perflab
