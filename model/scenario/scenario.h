// A test scenario (docs/cli.md "The scenario file"): parsed and validated; errors name the key path.
#pragma once

#include "model/format/enum_names.h"

#include <array>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace perflab {

using Millis = std::chrono::milliseconds;

// What a run is for: a scenario's kind, and the kind the store keeps for each run (written by name,
// model/format/enum_names.h). Imported is never a scenario's: it is the kind of a run that holds an imported
// profile (perflab import-profile).
enum class TestKind { Load, Stress, Soak, Spike, DependencyFailure, Imported };
template <> struct EnumNames<TestKind> {
    static constexpr std::string_view what = "run kind";
    static constexpr std::string_view names[] = {"load",    "stress", "soak", "spike", "dependency-failure",
                                                 "imported"};
};
enum class WorkloadModel { VirtualUsers, ArrivalRate };
enum class Via { Call, Http };
// What an engine target sends: a seeded draw from the engine's realistic mix, its one sample request
// repeated, or the scenario's own body.
enum class EngineRequests { Mix, Sample, Body };

std::string_view toString(WorkloadModel model) noexcept;

struct EngineTarget {
    std::string engine;  // analytics | knowledge | orchestrator | integration
    std::string variant; // baseline | optimized
    Via via = Via::Call;
    EngineRequests requests = EngineRequests::Mix;
    std::string body; // the request sent to the engine when requests is Body
    // > 0: every request keeps this many KiB, touched so they are resident, until the run ends: a deliberate
    // leak that a soak's verdict should catch.
    std::uint32_t leakKbPerRequest = 0;
    // The knowledge engine's result cache: empty (the in-process LRU), "lru", "off" or "redis://host[:port]";
    // braced so that designated initializers may leave it out without a warning.
    std::string cache{};
};

struct HttpRequestSpec {
    std::string url; // http://host[:port]/path
    std::string method = "GET";
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
    double weight = 1;
};

struct Target {
    std::optional<EngineTarget> engine;    // set, or else requests is non-empty
    std::vector<HttpRequestSpec> requests; // "url" form gives one request of weight 1
    Millis timeout{30'000};                // HTTP: a request's whole exchange, connect included
};

struct Stage {
    Millis duration{0};
    double target = 0; // virtual users, or requests per second for arrival-rate
};

struct Workload {
    WorkloadModel model = WorkloadModel::VirtualUsers;
    std::vector<Stage> stages;   // linear ramp from the previous stage's target (0 at start) to this one
    std::uint32_t maxVus = 1000; // arrival-rate: cap on concurrent requests in flight
    std::uint32_t threads = 0;   // 0 = one per core
    Millis thinkTime{0};         // virtual-users: pause after each response
    Millis pacing{0};            // virtual-users: each user starts a request at most this often
    bool poisson = false;        // arrival-rate: exponential inter-arrival times instead of uniform
    Millis totalDuration() const;
    // Linear interpolation of the target at time t since start (0 after the last stage).
    double targetAt(Millis t) const;
    // What is left after `elapsed` (a resumed run): a zero-length step to the level reached, then the rest
    // of the current stage and every later one. No stages when nothing is left.
    Workload remainingAfter(Millis elapsed) const;
    // Whether stage `index` holds the level the one before it reached (above 0): a stress test's step.
    bool holds(std::size_t index) const;
};

// Limits on one span of a run (the whole run, or a sliding window); an absent limit is not judged.
struct SloLimits {
    std::optional<double> p95Ms{};
    std::optional<double> minRpm{};
    std::optional<double> maxErrorRate{};
    std::optional<double> minAvailability{}; // successful requests over all requests, a floor (0.9999)
    std::optional<double> maxCpuPercent{};
    std::optional<double> maxMemoryPercent{};
    // Answers served from a fallback over all requests, a ceiling; absent by default: a fallback is the
    // design working, so only a scenario that means to judge it sets one.
    std::optional<double> maxDegradedRate{};
};

// Limits judged on every full `over` span of the run as it slides (model/results/slo.h has the semantics).
struct SloWindow {
    Millis over{0}; // whole seconds
    SloLimits limits;
};

// A verdict needs this many successful requests unless the scenario sets slo.min_successful_requests.
inline constexpr std::uint64_t kDefaultMinSuccessfulRequests = 100;

// The whole-run limits (the base) plus windows. Plan defaults apply when the scenario has no "slo" object;
// with one, only the keys it names apply, except max_error_rate: it stays at the plan's 0.1 % unless the
// scenario drops it explicitly ("max_error_rate": null). The plan's 99.99 % availability is no default:
// judged per request it would overrule the plan's own 0.1 % error budget; a scenario asks for it as
// min_availability 0.9999.
struct SloSpec : SloLimits {
    SloSpec()
        : SloLimits{.p95Ms = 100,
                    .minRpm = 10000,
                    .maxErrorRate = 0.001,
                    .maxCpuPercent = 70,
                    .maxMemoryPercent = 80} {}
    std::vector<SloWindow> windows;
    bool abortOnBreach = false; // stop the run (status aborted, exit 3) on a breach once grace has passed
    Millis grace{0};            // from the start; breaches before it do not abort (k6's delayAbortEval)
    // Fewer successful requests than this and the run fails whatever its SLOs say: no evidence, no pass.
    std::uint64_t minSuccessfulRequests = kDefaultMinSuccessfulRequests;
};

// What a fault does to the engines' upstream: every call fails, calls slow down, or a fraction of them is
// answered 503 or reset. Scenario files and run events name them "upstream-outage" and so on.
enum class FaultKind : std::uint8_t { UpstreamOutage, UpstreamLatency, UpstreamErrors, UpstreamResets };
inline constexpr std::array kFaultKinds{FaultKind::UpstreamOutage, FaultKind::UpstreamLatency,
                                        FaultKind::UpstreamErrors, FaultKind::UpstreamResets};
std::string_view toString(FaultKind kind) noexcept;
// The kind a scenario file names; nullopt for any other text.
std::optional<FaultKind> parseFaultKind(std::string_view name) noexcept;

struct Fault {
    Millis at{0};
    Millis duration{0};
    FaultKind kind = FaultKind::UpstreamOutage;
    double value = 0; // latency ms or error fraction, by kind
};

struct ProfileSpec {
    bool enabled = false;
    int hz = 999;
};

struct Scenario {
    std::string name;
    TestKind kind = TestKind::Load;
    Target target;
    Workload workload;
    SloSpec slo;
    std::vector<Fault> faults;
    ProfileSpec profile;
};

// Bad input: carries the source (file name), the key path ("workload.stages[1].target") and what was
// expected.
class ScenarioError : public std::runtime_error {
public:
    ScenarioError(std::string source, std::string keyPath, const std::string& problem);
    const std::string& source() const noexcept { return m_source; }
    const std::string& keyPath() const noexcept { return m_keyPath; }

private:
    std::string m_source;
    std::string m_keyPath;
};

Scenario parseScenario(std::string_view json, const std::string& source = "scenario");
Scenario loadScenario(const std::filesystem::path& file); // I/O errors are ScenarioErrors with the OS message
std::string toJson(const Scenario& scenario);             // parseScenario(toJson(s)) == s
Millis parseDuration(std::string_view text); // "500ms", "30s", "5m", "72h"; throws std::invalid_argument
std::string formatDuration(Millis duration);
// A short, bounded name for what a run loads: "analytics/optimized/http", or the first URL's host[:port].
std::string targetLabel(const Target& target);
// What two runs must share to be compared: the engine and the path to it (variants differ on purpose: that
// is the comparison), or the method and URL of every request. "analytics via call, mix", "GET http://h/a".
std::string comparisonTarget(const Target& target);
// "mix", "sample" or "a fixed body": what an engine target sends.
std::string_view engineRequestsName(const EngineTarget& target) noexcept;

} // namespace perflab
