// Drives a scenario's workload (virtual users or arrival rate) at its target on worker threads.
#pragma once

#include "collectors/latency_recorder.h"
#include "engines/engine.h"
#include "model/scenario/scenario.h"

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace perflab::load {

class TargetPlan;

// What the workers send to: an in-process engine, or HTTP requests (an engine server or any URL). The traffic
// is counted by part (Interval::byRequest): an engine's request shapes, or each HTTP request by default.
struct ResolvedTarget {
    engines::Engine* engine = nullptr; // in-process call when set, on an engine executor the runner owns
    std::vector<engines::RequestMix::Request> engineRequests; // drawn uniformly; each names its part
    unsigned engineThreads = 0;           // that executor's threads; 0: one per core, as the engine server's
    std::vector<HttpRequestSpec> http;    // otherwise: weighted HTTP requests
    std::vector<std::uint32_t> httpParts; // parallel to http; empty: each request is its own part
    std::vector<std::string> parts;       // the parts' names, for the summary
};

class LoadRunner {
public:
    static constexpr std::chrono::milliseconds kStopDrain{5000};
    // recorder must have at least `threads` slots (workload.threads, or one per core when 0).
    LoadRunner(const Workload& workload, ResolvedTarget target, LatencyRecorder& recorder);
    // With a plan made beforehand, so a host that does not resolve is found before a run begins.
    LoadRunner(const Workload& workload, TargetPlan plan, LatencyRecorder& recorder);
    ~LoadRunner(); // stops and joins
    LoadRunner(const LoadRunner&) = delete;
    LoadRunner& operator=(const LoadRunner&) = delete;

    static unsigned threadsFor(const Workload& workload); // resolves 0 to the core count

    void start();
    // Graceful: no new requests; in-flight ones finish (up to the timeout) and are recorded.
    void stop(std::chrono::milliseconds drainTimeout = kStopDrain);
    // The same without waiting for the workers: finished() tells when they are done. A later call with a
    // shorter drain cuts a drain under way short (an abort during a graceful stop).
    void requestStop(std::chrono::milliseconds drainTimeout = kStopDrain);
    bool finished() const noexcept;             // every stage has elapsed and stop() drained
    std::uint32_t activeUsers() const noexcept; // busy virtual users / requests in flight now

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace perflab::load
