// One second of a run: counts, latency histograms and resources; the unit every consumer receives.
#pragma once

#include "model/metrics/histogram.h"
#include "model/metrics/request_counts.h"

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace perflab {

// HTTP status classes a run's answers fall in; NoAnswer: the request failed before any status arrived.
enum class StatusClass : std::uint8_t { S2xx, S3xx, S4xx, S5xx, NoAnswer };
inline constexpr std::size_t kStatusClassCount = 5;
std::string_view toString(StatusClass statusClass) noexcept;
StatusClass statusClassOf(int status) noexcept;

// The latency of one part of a run's traffic: one request of a weighted mix, or one status class.
struct LatencyPart {
    std::uint64_t requests = 0; // completed: successful, failed or degraded
    std::uint64_t errors = 0;
    std::uint64_t degraded = 0; // answered from a fallback
    Histogram latency;          // successful requests, from the intended send time
    Histogram failureTime;      // failed requests, from the actual send to the failure
};

// Adds each part of `from` to the same part of `into`, growing `into` to match.
void mergeParts(const std::vector<LatencyPart>& from, std::vector<LatencyPart>& into);

// Where the process under test runs, as the resource sampler measured it.
enum class TargetPlacement : std::uint8_t {
    Unknown,         // not measured (stores from before it was, or a sampler without a target)
    SeparateProcess, // a process on this machine, found listening on the URL's loopback port
    SameProcess,     // a hosted engine inside the run process: its CPU is split off, its memory is shared
    Remote,          // on another machine: not measured
};
std::string_view toString(TargetPlacement placement) noexcept; // "separate-process", "same-process", ...
// The placement named by toString; Unknown for any other text.
TargetPlacement targetPlacementFrom(std::string_view name) noexcept;

struct ResourceSample {
    double processCpuPercent = 0; // of all cores, like systemCpuPercent (100 = machine busy)
    std::uint64_t processRssBytes = 0;
    double processMemoryPercent = 0; // RSS of the cgroup limit, else of physical memory
    double systemCpuPercent = 0;     // of all cores
    double systemMemoryPercent = 0;  // used (total - available) of total
    std::uint64_t memoryTotalBytes = 0;
    std::uint32_t threads = 0; // of this process
    std::uint32_t openFds = 0; // of this process
    // The cgroup limit when below physical memory, else physical memory.
    std::uint64_t memoryLimitBytes = 0;
    // cgroup v2 cpu.max quota / period; 0 when there is none. processCpuPercent stays a share of all cores;
    // processCpuPercentOfLimit is a share of the quota (of all cores when there is none or it exceeds them).
    double cpuLimitCores = 0;
    double processCpuPercentOfLimit = 0;
    // The generator and the process under test, each a share of all cores. Absent when not measured: the
    // target's figures when it is remote, cannot be read or has exited. In the same process, generator +
    // target = processCpuPercent and the memory is the process's (no target RSS).
    TargetPlacement target = TargetPlacement::Unknown;
    std::int32_t targetPid = 0; // SeparateProcess: the lowest pid holding the listening socket; 0: none found
    std::optional<double> generatorCpuPercent = std::nullopt;
    std::optional<double> targetCpuPercent = std::nullopt;
    std::optional<std::uint64_t> targetRssBytes = std::nullopt;
};

// Now as unix epoch milliseconds: the time base of Interval::startMs, run starts and events.
std::int64_t epochMsNow() noexcept;

struct Interval {
    std::int64_t startMs = 0; // unix epoch milliseconds
    std::int64_t durationMs = 1000;
    RequestCounts counts{};
    std::uint32_t activeUsers = 0;
    // Successful requests only: a refused connection's 0.07 ms is not a latency of the service.
    Histogram latency;     // from the intended send time (coordinated-omission corrected)
    Histogram serviceTime; // from the actual send time
    Histogram failureTime; // failed requests: from the actual send time to the failure
    Histogram staleAge;    // degraded answers: how old the fallback answer was (µs, kept at ms precision)
    // Empty unless the recorder keeps a breakdown: by request of the target's mix, and by StatusClass.
    std::vector<LatencyPart> byRequest;
    std::vector<LatencyPart> byStatusClass;
    ResourceSample resources;
};

struct LatencyFigures {
    double mean = 0, p50 = 0, p90 = 0, p95 = 0, p99 = 0, p999 = 0, max = 0; // milliseconds
};
LatencyFigures latencyFigures(const Histogram& h);

// How old the degraded answers of a stretch were, in milliseconds; all 0 without degraded answers.
struct StaleAgeFigures {
    double mean = 0, p95 = 0, max = 0;
    bool operator==(const StaleAgeFigures&) const = default;
};
StaleAgeFigures staleAgeFigures(const Histogram& staleAge);

// The per-second row the store keeps and charts draw: an Interval without its histograms.
struct IntervalRow {
    std::int64_t startMs = 0;
    std::int64_t durationMs = 1000;
    RequestCounts counts{};
    std::uint32_t activeUsers = 0;
    LatencyFigures latency;
    LatencyFigures serviceTime;
    StaleAgeFigures staleAge;
    ResourceSample resources;

    // Successful requests per second; attemptedRps counts the failed ones too.
    double throughputRps() const noexcept { return perSecond(counts.successes()); }
    double attemptedRps() const noexcept { return perSecond(counts.requests); }

private:
    double perSecond(std::uint64_t n) const noexcept {
        return durationMs > 0 ? static_cast<double>(n) * 1000.0 / static_cast<double>(durationMs) : 0;
    }
};
IntervalRow toRow(const Interval& interval);

} // namespace perflab
