// The orchestrator request cycle: parse, take a copy of the cluster, place, report scale-outs, summarize.
#include "engines/orchestrator/orchestrator_engine.h"

#include "collectors/zones/zone.h"
#include "engines/orchestrator/orchestrator_mix.h"
#include "engines/orchestrator/orchestrator_report.h"
#include "engines/orchestrator/orchestrator_request.h"

#include <chrono>
#include <string>

namespace perflab::engines::orchestrator {

OrchestratorEngine::OrchestratorEngine(Cluster cluster, EngineEvents* events, const ZoneSite& executeZone)
    : m_cluster(std::move(cluster))
    , m_totals(m_cluster)
    , m_copies(m_cluster)
    , m_events(events)
    , m_executeZone(executeZone) {}

Response OrchestratorEngine::execute(std::string_view request) {
    const Zone zone(m_executeZone);
    std::vector<Pod> pods;
    try {
        PERFLAB_ZONE("orchestrator.parse");
        pods = parsePods(request);
    } catch (const RequestError& error) {
        return {400, renderError(error.what())};
    }
    CopyPool<Cluster>::Lease copy = [this] {
        PERFLAB_ZONE("orchestrator.copy_cluster"); // a reused copy, or a new one when all are taken
        return m_copies.take();
    }();
    Cluster& cluster = copy.get();
    std::vector<std::uint32_t> placements;
    {
        PERFLAB_ZONE("orchestrator.place");
        placements = place(cluster, pods);
    }
    const std::size_t added = cluster.nodes.size() - m_cluster.nodes.size();
    if (added > 0) {
        reportScaleOut(added, cluster);
    }
    PERFLAB_ZONE("orchestrator.report");
    PlacementReport report = summarize(m_totals, cluster, pods, std::move(placements), added);
    copy.giveBack([&](Cluster& used, const Cluster& original) { used.restore(original, report.placements); });
    return {200, renderReport(report)};
}

void OrchestratorEngine::reportScaleOut(std::size_t added, const Cluster& cluster) {
    m_unreported.fetch_add(added);
    const std::int64_t nowMs = std::chrono::duration_cast<std::chrono::milliseconds>(
                                   std::chrono::steady_clock::now().time_since_epoch())
                                   .count();
    std::int64_t last = m_lastEventMs.load();
    if (m_events == nullptr || nowMs - last < 1000 || !m_lastEventMs.compare_exchange_strong(last, nowMs)) {
        return;
    }
    const std::uint64_t count = m_unreported.exchange(0);
    const Node& node = cluster.nodes.back();
    m_events->publish(EventKind::ScaleOut,
                      "orchestrator " + std::string(variant()) + ": " + std::to_string(count) +
                          " node(s) added for pods that fit nowhere (last: " + std::to_string(node.cpu) +
                          "m CPU, " + std::to_string(node.memory) + " MiB); a request's cluster grew to " +
                          std::to_string(cluster.nodes.size()) + " nodes");
}

std::string OrchestratorEngine::sampleRequest() const {
    return R"({"batch":{"seed":7,"pods":500}})";
}

RequestMix OrchestratorEngine::requestMix(std::size_t count, std::uint64_t seed) const {
    return drawRequestMix(count, seed);
}

} // namespace perflab::engines::orchestrator
