// Little's law as a truth check: closed-model users with no think time are always waiting for an answer,
// so users = throughput x mean latency, whether the engine is called in process or over HTTP.
#include "engines/engine_server.h"
#include "tests/load/run_helpers.h"

#include <catch2/catch.hpp>

using namespace perflab;
using namespace perflab::load;
using namespace perflab::load::testing;
using namespace std::chrono_literals;

namespace {

constexpr double kUsers = 32;

// A small table: a baseline scan takes a few milliseconds, so a short run holds hundreds of calls.
engines::EngineOptions smallTables() {
    return {.rows = 20'000, .facts = 1'000, .seed = 7};
}

// Throughput x mean latency over the whole run (requests / elapsed x mean) is the number of users.
void checkLittlesLaw(const ResolvedTarget& target) {
    LatencyRecorder recorder(2);
    LoadRunner runner(constantWorkload(WorkloadModel::VirtualUsers, kUsers, 1500ms, 2), target, recorder);
    const RunResult run = runToEnd(runner, recorder);
    const double seconds = std::chrono::duration<double>(run.elapsed).count();
    const double throughput = static_cast<double>(run.interval.counts.requests) / seconds;
    const double meanSeconds = run.interval.latency.mean() / 1e6;
    INFO(run.interval.counts.requests << " requests in " << seconds << " s, mean " << meanSeconds * 1e3
                                      << " ms");
    CHECK(run.interval.counts.errors == 0);
    CHECK(run.interval.counts.requests > 100);
    CHECK(throughput * meanSeconds == Approx(kUsers).epsilon(0.15));
}

} // namespace

TEST_CASE("32 users calling an engine in process wait as long as Little's law says") {
    engines::EngineRegistry registry(smallTables());
    engines::Engine& engine = registry.get("analytics", "baseline");
    ResolvedTarget target;
    target.engine = &engine;
    target.engineRequests = {{.shape = 0, .body = engine.sampleRequest()}};
    checkLittlesLaw(target);
}

TEST_CASE("32 users calling the same engine over HTTP wait as long as Little's law says") {
    engines::EngineRegistry registry(smallTables());
    engines::EngineServer server(registry, "127.0.0.1", 0, engines::defaultEngineThreads());
    server.start();
    ResolvedTarget target;
    target.http.push_back({.url = server.baseUrl() + "/engines/analytics/baseline",
                           .method = "POST",
                           .headers = {{"Content-Type", "application/json"}},
                           .body = registry.get("analytics", "baseline").sampleRequest()});
    checkLittlesLaw(target);
}
