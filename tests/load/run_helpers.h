// Shared by the LoadRunner tests: workloads, a fake engine and running a runner to its end.
#pragma once

#include "collectors/latency_recorder.h"
#include "engines/engine.h"
#include "load/load_runner.h"
#include "model/metrics/interval.h"

#include <atomic>
#include <chrono>
#include <thread>

namespace perflab::load::testing {

inline Workload constantWorkload(WorkloadModel model, double target, std::chrono::milliseconds duration,
                                 unsigned threads) {
    Workload workload;
    workload.model = model;
    workload.stages = {{std::chrono::milliseconds(0), target}, {duration, target}};
    workload.threads = threads;
    return workload;
}

inline ResolvedTarget httpTarget(const std::string& url) {
    ResolvedTarget target;
    target.http.emplace_back().url = url;
    return target;
}

struct RunResult {
    Interval interval;
    std::chrono::milliseconds elapsed{0}; // from start() until finished()
};

// Runs until the runner reports finished (or `limit`), then stops it and collects everything recorded.
inline RunResult runToEnd(LoadRunner& runner, LatencyRecorder& recorder,
                          std::chrono::milliseconds limit = std::chrono::milliseconds(8000)) {
    const auto start = std::chrono::steady_clock::now();
    runner.start();
    while (!runner.finished() && std::chrono::steady_clock::now() - start < limit)
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    RunResult result;
    result.elapsed =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
    runner.stop();
    recorder.collect(result.interval);
    return result;
}

// The collaborator of in-process runs: answers at once, counts calls, can block one call like a GC pause.
class FakeEngine : public engines::Engine {
public:
    explicit FakeEngine(int status = 200, std::uint64_t stallOnCall = 0,
                        std::chrono::milliseconds stallFor = std::chrono::milliseconds(0))
        : m_status(status)
        , m_stallOnCall(stallOnCall)
        , m_stallFor(stallFor) {}
    std::string_view name() const noexcept override { return "fake"; }
    std::string_view variant() const noexcept override { return "test"; }
    engines::Response execute(std::string_view request) override {
        if (++m_calls == m_stallOnCall)
            std::this_thread::sleep_for(m_stallFor);
        return {m_status, std::string(request)};
    }
    std::string sampleRequest() const override { return "{}"; }
    engines::RequestMix requestMix(std::size_t count, std::uint64_t) const override {
        engines::RequestMix mix{.shapes = {"sample"}, .requests = {}};
        mix.requests.assign(count, {.shape = 0, .body = sampleRequest()});
        return mix;
    }
    std::uint64_t calls() const noexcept { return m_calls.load(); }

private:
    int m_status;
    std::uint64_t m_stallOnCall;
    std::chrono::milliseconds m_stallFor;
    std::atomic<std::uint64_t> m_calls{0};
};

inline std::uint64_t errorsOf(const Interval& interval, ErrorKind kind) {
    return interval.counts.errorsByKind[static_cast<std::size_t>(kind)];
}

} // namespace perflab::load::testing
