// What a placement request answers: where each pod went, how many nodes the cluster uses and added,
// its utilization and fragmentation, rendered as the response JSON.
#pragma once

#include "engines/orchestrator/orchestrator_cluster_totals.h"

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace perflab::engines::orchestrator {

struct Shares {
    double cpu = 0;
    double memory = 0;
};

struct PlacementReport {
    std::vector<std::uint32_t> placements; // node index per pod, in request order
    std::size_t nodes = 0;                 // in the cluster after placing
    std::size_t nodesUsed = 0;             // holding anything
    std::size_t nodesAdded = 0;            // by scale-out, for this request
    Shares utilization;                    // used / capacity over the whole cluster
    // Share of the free capacity stranded on nodes that cannot hold the batch's median pod (median CPU
    // and median memory request): free, yet useless for a typical pod. 0 when nothing is free.
    Shares fragmentation;
};

// The pod with the batch's median CPU and median memory requests (upper median for even counts).
Pod medianPod(std::span<const Pod> pods);
// The report on `after`, the cluster `before` was made from with the pods placed as `placements` says.
PlacementReport summarize(const ClusterTotals& before, const Cluster& after, std::span<const Pod> pods,
                          std::vector<std::uint32_t> placements, std::size_t nodesAdded);
std::string renderReport(const PlacementReport& report);
std::string renderError(std::string_view message);

} // namespace perflab::engines::orchestrator
