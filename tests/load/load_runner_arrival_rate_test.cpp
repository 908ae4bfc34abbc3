// Tests of load/load_runner.h with the open model (arrival rate): counts, drops, late sends, and latency
// measured from the intended send time.
#include "load/load_runner.h"
#include "tests/load/run_helpers.h"
#include "tests/load/test_http_server.h"

#include <catch2/catch.hpp>

using namespace std::chrono_literals;
using namespace perflab;
using namespace perflab::load;
using namespace perflab::load::testing;

TEST_CASE("a uniform 200 requests per second for one second sends 200 requests over two threads") {
    TestHttpServer server;
    LatencyRecorder recorder(2);
    LoadRunner runner(constantWorkload(WorkloadModel::ArrivalRate, 200, 1000ms, 2), httpTarget(server.url()),
                      recorder);
    const RunResult run = runToEnd(runner, recorder);
    CHECK(run.interval.counts.requests >= 198);
    CHECK(run.interval.counts.requests <= 202);
    CHECK(run.interval.counts.requests == server.requests());
    CHECK(run.interval.counts.errors == 0);
    CHECK(run.interval.counts.droppedSends == 0);
    CHECK(run.elapsed >= 1000ms);
}

TEST_CASE("Poisson arrivals send about the rate") {
    TestHttpServer server;
    LatencyRecorder recorder(1);
    Workload workload = constantWorkload(WorkloadModel::ArrivalRate, 300, 1000ms, 1);
    workload.poisson = true;
    LoadRunner runner(workload, httpTarget(server.url()), recorder);
    const RunResult run = runToEnd(runner, recorder);
    CHECK(run.interval.counts.requests == server.requests());
    CHECK(run.interval.counts.requests > 240); // 300 expected; sd 17
    CHECK(run.interval.counts.requests < 360);
}

TEST_CASE("arrivals beyond max_vus are dropped and counted, never delayed") {
    TestHttpServer server({.delay = 100ms});
    LatencyRecorder recorder(1);
    Workload workload = constantWorkload(WorkloadModel::ArrivalRate, 100, 1000ms, 1);
    workload.maxVus = 2;
    LoadRunner runner(workload, httpTarget(server.url()), recorder);
    const RunResult run = runToEnd(runner, recorder);
    // Two users can each finish a 100 ms request per 10 arrivals: about 20 sent, the other 80 dropped.
    CHECK(run.interval.counts.requests + run.interval.counts.droppedSends == 100);
    CHECK(run.interval.counts.requests <= 22);
    CHECK(run.interval.counts.droppedSends >= 78);
    CHECK(server.connections() == 2);
    CHECK(run.interval.latency.percentile(50) < 150'000); // what was sent went out on time
}

TEST_CASE("requests due while the server stalls are still sent on time and carry the wait in their latency") {
    // At 100/s the server freezes for 300 ms on request 20: about 30 arrivals fall into the freeze.
    TestHttpServer server({.stallOnRequest = 20, .stallFor = 300ms});
    LatencyRecorder recorder(1);
    LoadRunner runner(constantWorkload(WorkloadModel::ArrivalRate, 100, 1000ms, 1), httpTarget(server.url()),
                      recorder);
    const RunResult run = runToEnd(runner, recorder);
    CHECK(run.interval.counts.requests == 100);
    CHECK(run.interval.counts.droppedSends == 0);
    // Held behind the frozen connection, about 30 would go out late; a busy machine may delay a few by its
    // own scheduling (over 10 ms counts as late).
    CHECK(run.interval.counts.lateSends <= 5);
    // Latencies of the stalled requests spread evenly over 0..300 ms: the top tenth is >= ~200 ms.
    CHECK(run.interval.latency.percentile(90) >= 150'000);
    CHECK(run.interval.latency.percentile(50) < 50'000);
    CHECK(run.interval.serviceTime.percentile(90) >= 150'000);
}

TEST_CASE(
    "an in-process engine that stalls holds up the calls queued behind it while arrivals leave on time") {
    // Call 20 holds the engine's one thread for 500 ms: the ~50 arrivals due meanwhile are sent on time,
    // queue behind it and carry the wait in their latency, as they would on a server with one thread.
    FakeEngine engine(200, 20, 500ms);
    LatencyRecorder recorder(1);
    ResolvedTarget target;
    target.engine = &engine;
    target.engineRequests = {{.shape = 0, .body = "{}"}};
    target.engineThreads = 1;
    LoadRunner runner(constantWorkload(WorkloadModel::ArrivalRate, 100, 1000ms, 1), target, recorder);
    const RunResult run = runToEnd(runner, recorder);
    CHECK(run.interval.counts.requests == 100);
    // Held up by the stall, all ~50 would be late; a busy machine may delay a few on its own.
    CHECK(run.interval.counts.lateSends <= 15);
    CHECK(run.interval.latency.percentile(90) >= 250'000);
}

TEST_CASE("a ramp of arrivals sends the area under the rate") {
    TestHttpServer server;
    LatencyRecorder recorder(2);
    Workload workload;
    workload.model = WorkloadModel::ArrivalRate;
    workload.stages = {{500ms, 200}, {500ms, 0}}; // a triangle: 0.5 s * 200/s * 1/2 * 2
    workload.threads = 2;
    LoadRunner runner(workload, httpTarget(server.url()), recorder);
    const RunResult run = runToEnd(runner, recorder);
    CHECK(run.interval.counts.requests >= 99);
    CHECK(run.interval.counts.requests <= 101);
    CHECK(run.interval.counts.requests == server.requests());
}

TEST_CASE("a refused connection under an arrival rate records Connect errors for every arrival") {
    LatencyRecorder recorder(1);
    LoadRunner runner(constantWorkload(WorkloadModel::ArrivalRate, 100, 500ms, 1),
                      httpTarget("http://127.0.0.1:" + std::to_string(TestHttpServer::closedPort()) + "/"),
                      recorder);
    const RunResult run = runToEnd(runner, recorder);
    CHECK(run.interval.counts.requests == 50);
    CHECK(errorsOf(run.interval, ErrorKind::Connect) == 50);
    CHECK(run.elapsed < 1000ms);
}
