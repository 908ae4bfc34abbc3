// What both orchestrator variants share: the seeded cluster and its reused copies, parsing, scale-out
// events and the report. The variants differ only in how they place a batch.
#pragma once

#include "collectors/zones/zone_site.h"
#include "engines/engine.h"
#include "engines/orchestrator/orchestrator_cluster.h"
#include "engines/orchestrator/orchestrator_cluster_totals.h"
#include "engines/orchestrator/orchestrator_copy_pool.h"

#include <atomic>
#include <span>
#include <vector>

namespace perflab::engines::orchestrator {

class OrchestratorEngine : public Engine {
public:
    static constexpr std::size_t kNodes = 5'000;

    std::string_view name() const noexcept override { return "orchestrator"; }
    Response execute(std::string_view request) override;
    std::string sampleRequest() const override;
    RequestMix requestMix(std::size_t count, std::uint64_t seed) const override; // orchestrator_mix.h
    const Cluster& cluster() const noexcept { return m_cluster; }

protected:
    // Each request places its pods on its own copy of `cluster` (reused, put back as it was after each
    // request): concurrent callers never see each other's pods, answers depend on the request alone, and
    // a long run cannot grow the cluster.
    // executeZone names the variant's execute() in zones.
    OrchestratorEngine(Cluster cluster, EngineEvents* events, const ZoneSite& executeZone);
    // Places every pod on `cluster` (this request's copy), adding nodes with Cluster::addNode when
    // one fits nowhere; returns the node of each pod in request order.
    virtual std::vector<std::uint32_t> place(Cluster& cluster, std::span<const Pod> pods) const = 0;

private:
    void reportScaleOut(std::size_t added, const Cluster& cluster);

    Cluster m_cluster;
    ClusterTotals m_totals;     // of m_cluster, for the reports
    CopyPool<Cluster> m_copies; // of m_cluster, for requests to place on
    EngineEvents* m_events;
    const ZoneSite& m_executeZone;
    // Scale-outs since the last event: at most one event a second, so a storm does not flood the run.
    std::atomic<std::uint64_t> m_unreported{0};
    std::atomic<std::int64_t> m_lastEventMs{-1'000'000};
};

} // namespace perflab::engines::orchestrator
