// A simulated soak for the benchmarks: second by second, a service at ~500 req/s with a log-normal latency
// that drifts with a daily cycle and bursts every three hours, resources as a busy service shows them, and
// optionally a slow memory leak.
#pragma once

#include "model/metrics/interval.h"
#include "model/results/summary.h"
#include "model/scenario/scenario.h"
#include "model/store/run_store.h"

#include <cmath>
#include <cstdint>
#include <functional>
#include <random>
#include <string>

namespace perflab::bench {

inline constexpr int kBurstEverySeconds = 10'800;
inline constexpr int kBurstSeconds = 120;

class SoakSimulation {
public:
    explicit SoakSimulation(std::int64_t startMs, double leakBytesPerHour = 0)
        : m_startMs(startMs)
        , m_leakBytesPerHour(leakBytesPerHour) {}

    Interval second(int t) {
        const double day = std::sin(2 * M_PI * t / 86'400.0);
        const bool burst = t % kBurstEverySeconds < kBurstSeconds;
        std::lognormal_distribution<double> latencyMs(std::log(20.0 * (1 + 0.2 * day) * (burst ? 3 : 1)),
                                                      0.35);
        std::poisson_distribution<int> arrivals(500 * (1 + 0.1 * day));
        Interval interval;
        interval.startMs = m_startMs + std::int64_t{t} * 1000;
        interval.counts.requests = static_cast<std::uint64_t>(arrivals(m_random));
        for (std::uint64_t i = 0; i < interval.counts.requests; ++i)
            interval.latency.record(static_cast<std::int64_t>(latencyMs(m_random) * 1000));
        interval.serviceTime = interval.latency; // closed model
        interval.counts.errors = m_uniform(m_random) < (burst ? 0.6 : 0.05) ? 1 + (burst ? t % 7 : 0) : 0;
        interval.counts.errorsByKind[static_cast<std::size_t>(ErrorKind::Status5xx)] = interval.counts.errors;
        interval.activeUsers = 10;
        const double leaked = m_leakBytesPerHour * t / 3600.0;
        const auto rss = static_cast<std::uint64_t>(300'000'000 + leaked + m_uniform(m_random) * 8e6);
        interval.resources = {.processCpuPercent = 30 + 8 * day + 4 * m_uniform(m_random),
                              .processRssBytes = rss,
                              .processMemoryPercent =
                                  100.0 * static_cast<double>(rss) / static_cast<double>(kMemoryLimitBytes),
                              .systemCpuPercent = 45 + 10 * day + 5 * m_uniform(m_random),
                              .systemMemoryPercent = 40 + m_uniform(m_random),
                              .memoryTotalBytes = 25'000'000'000u,
                              .threads = 14,
                              .openFds = 60 + static_cast<std::uint32_t>(m_uniform(m_random) * 4),
                              .memoryLimitBytes = kMemoryLimitBytes,
                              .cpuLimitCores = 0,
                              .processCpuPercentOfLimit = 30 + 8 * day};
        return interval;
    }

    // The events such a soak records: the stage at the start, each burst as a fault.
    void addEvents(RunStore& store, std::int64_t runId, int seconds) const {
        store.addEvent(runId, {m_startMs, EventKind::Stage, "stage 1 of 1: 10 virtual users held"});
        for (int t = kBurstEverySeconds; t < seconds; t += kBurstEverySeconds)
            store.addEvent(runId, {m_startMs + std::int64_t{t} * 1000, EventKind::Fault,
                                   "upstream latency x3 for " + std::to_string(kBurstSeconds) + " s"});
    }

    static constexpr std::uint64_t kMemoryLimitBytes = 16ULL << 30;

private:
    std::int64_t m_startMs;
    double m_leakBytesPerHour;
    std::mt19937_64 m_random{72};
    std::uniform_real_distribution<double> m_uniform{0, 1};
};

// Writes a finished soak of `hours` against a hosted engine into the store, at once, with its events and the
// summary a run writes (totals and the leak verdict from every second); returns the run's id. `eachSecond`,
// when given, is called after second t is appended (to add what else a run stores per second).
inline std::int64_t writeSoak(RunStore& store, std::int64_t startMs, int hours, double leakBytesPerHour,
                              const std::function<void(std::int64_t runId, int t)>& eachSecond = {}) {
    Scenario scenario;
    scenario.name = "analytics optimized, " + std::to_string(hours) + " h soak";
    scenario.kind = TestKind::Soak;
    scenario.target.engine =
        EngineTarget{.engine = "analytics", .variant = "optimized", .via = Via::Call, .body = {}};
    scenario.workload.model = WorkloadModel::VirtualUsers;
    scenario.workload.stages = {{Millis(std::int64_t{hours} * 3'600'000), 10}};
    const std::int64_t id = store.beginRun(scenario.name, TestKind::Soak, toJson(scenario), startMs);
    SoakSimulation simulation(startMs, leakBytesPerHour);
    RunTotals totals;
    const int seconds = hours * 3600;
    for (int t = 0; t < seconds; ++t) {
        const Interval interval = simulation.second(t);
        totals.add(interval);
        store.append(id, interval);
        if (eachSecond)
            eachSecond(id, t);
    }
    simulation.addEvents(store, id, seconds);
    const Summary summary = totals.summarize(id, scenario, false);
    store.finishRun(id, summary.status, toJson(summary), startMs + std::int64_t{seconds} * 1000);
    return id;
}

} // namespace perflab::bench
