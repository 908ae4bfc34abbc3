// Test fixture: stored runs of one test whose throughput, latency, errors and CPU are chosen, so comparisons
// between them have a known verdict.
#pragma once

#include "model/scenario/scenario.h"
#include "model/store/run_store.h"

#include <cstdint>
#include <optional>
#include <string>

namespace perflab::test {

struct RunShape {
    std::string name;
    std::uint64_t requestsPerSecond = 1000; // successful ones: the throughput; errors come on top
    double latencyScale = 1;                // latencies spread from ~1 ms to ~5 ms times this
    std::uint64_t errorsPerSecond = 0;
    double cpuPercent = 40;
    TestKind kind = TestKind::Load;
    std::string engine = "knowledge";
    std::string variant = "optimized";
    RunStatus status = RunStatus::Passed;
    // Default: kShapedRunStartMs, an hour apart from the store's other runs.
    std::optional<std::int64_t> startMs = std::nullopt;
};

inline constexpr std::int64_t kShapedRunStartMs = 1'750'000'000'000;

inline Scenario shapedScenario(const RunShape& shape, int seconds) {
    Scenario s;
    s.name = shape.name;
    s.kind = shape.kind;
    EngineTarget target;
    target.engine = shape.engine;
    target.variant = shape.variant;
    target.via = Via::Http;
    s.target.engine = target;
    s.workload.model = WorkloadModel::VirtualUsers;
    s.workload.stages = {{Millis(seconds * 1000), 16}};
    return s;
}

// Writes and finishes a run of `seconds` intervals shaped so (status Running leaves it going); returns
// its id.
inline std::int64_t writeShapedRun(RunStore& store, const RunShape& shape, int seconds = 30) {
    const std::int64_t start = shape.startMs.value_or(
        kShapedRunStartMs + static_cast<std::int64_t>(store.runs().size()) * 3'600'000);
    const std::int64_t id =
        store.beginRun(shape.name, shape.kind, toJson(shapedScenario(shape, seconds)), start);
    for (int i = 0; i < seconds; ++i) {
        Interval in;
        in.startMs = start + std::int64_t{i} * 1000;
        in.counts.requests = shape.requestsPerSecond + shape.errorsPerSecond;
        in.counts.errors = shape.errorsPerSecond;
        in.counts.errorsByKind[static_cast<std::size_t>(ErrorKind::Status5xx)] = in.counts.errors;
        in.activeUsers = 16;
        for (std::uint64_t r = 0; r < shape.requestsPerSecond; ++r) {
            const double u = static_cast<double>((r * 7919) % 1000) / 1000.0;
            const auto us = static_cast<std::int64_t>(1000 * shape.latencyScale * (1 + 4 * u * u * u));
            in.latency.record(us);
            in.serviceTime.record(us * 9 / 10);
        }
        in.resources = {.processCpuPercent = shape.cpuPercent,
                        .processRssBytes = 64ULL << 20,
                        .processMemoryPercent = 0.8,
                        .systemCpuPercent = shape.cpuPercent + 10,
                        .systemMemoryPercent = 40,
                        .memoryTotalBytes = 8ULL << 30};
        store.append(id, in);
    }
    if (shape.status == RunStatus::Running)
        store.flush();
    else
        store.finishRun(id, shape.status, "{}", start + std::int64_t{seconds} * 1000);
    return id;
}

} // namespace perflab::test
