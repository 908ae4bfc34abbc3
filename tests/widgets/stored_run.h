// Test fixture: writes a finished run of synthetic but plausible per-second intervals into a RunStore.
#pragma once

#include "model/scenario/scenario.h"
#include "model/store/run_store.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <filesystem>

namespace perflab::test {

inline constexpr std::int64_t kRunStartMs = 1'700'000'000'000;

// Second i of a run that ramps up over its first fifth: latency grows with load, a stall near 60 %.
inline Interval syntheticInterval(int i, int seconds) {
    Interval in;
    in.startMs = kRunStartMs + std::int64_t{i} * 1000;
    const double ramp = std::min(1.0, (i + 1) / (0.2 * seconds));
    const auto requests = static_cast<std::uint64_t>(ramp * (2000 + 150 * std::sin(i / 7.0)));
    in.counts.requests = requests;
    in.counts.errors = i % 9 == 0 ? 3 : 0;
    in.counts.errorsByKind[static_cast<std::size_t>(ErrorKind::Status5xx)] = in.counts.errors;
    in.activeUsers = static_cast<std::uint32_t>(ramp * 16);
    const bool stall = i == seconds * 3 / 5;
    for (std::uint64_t r = 0; r < requests; ++r) {
        // A skewed spread: most requests near 1-2 ms, a tail to ~8 ms (40 ms during the stall).
        const double u = static_cast<double>((r * 7919) % 1000) / 1000.0;
        const auto us = static_cast<std::int64_t>((800 + 600 * ramp) * (1 + 4 * u * u * u) * (stall ? 5 : 1));
        in.latency.record(us);
        in.serviceTime.record(us * 9 / 10);
    }
    in.resources = {.processCpuPercent = 35 + 50 * ramp + 5 * std::sin(i / 3.0),
                    .processRssBytes = static_cast<std::uint64_t>((60 + 0.05 * i) * 1024 * 1024),
                    .processMemoryPercent = 0.8,
                    .systemCpuPercent = 30 + 40 * ramp,
                    .systemMemoryPercent = 40,
                    .memoryTotalBytes = 8ULL << 30};
    return in;
}

inline Scenario syntheticScenario(int seconds) {
    Scenario s;
    s.name = "analytics optimized under load";
    s.kind = TestKind::Load;
    s.target.engine =
        EngineTarget{.engine = "analytics", .variant = "optimized", .via = Via::Call, .body = {}};
    s.workload.model = WorkloadModel::VirtualUsers;
    s.workload.stages = {{Millis(seconds * 200), 16}, {Millis(seconds * 800), 16}};
    return s;
}

// Writes and finishes a run of `seconds` intervals; returns its id.
inline std::int64_t writeStoredRun(RunStore& store, int seconds, RunStatus status = RunStatus::Passed) {
    const Scenario scenario = syntheticScenario(seconds);
    const std::int64_t id = store.beginRun(scenario.name, TestKind::Load, toJson(scenario), kRunStartMs);
    for (int i = 0; i < seconds; ++i)
        store.append(id, syntheticInterval(i, seconds));
    if (status == RunStatus::Running)
        store.flush();
    else
        store.finishRun(id, status, "{}", kRunStartMs + std::int64_t{seconds} * 1000);
    return id;
}

// The same in the store file `file`, through a writer that is closed again (so the file can be changed
// underneath, or opened read-only).
inline std::int64_t writeStoredRun(const std::filesystem::path& file, int seconds) {
    RunStore store(file);
    return writeStoredRun(store, seconds);
}

} // namespace perflab::test
