// Tests of load/load_runner.h with the closed model (virtual users) against the loopback test server.
#include "load/load_runner.h"
#include "tests/load/run_helpers.h"
#include "tests/load/test_http_server.h"

#include <catch2/catch.hpp>

using namespace std::chrono_literals;
using namespace perflab;
using namespace perflab::load;
using namespace perflab::load::testing;

TEST_CASE("every request the virtual users send is recorded exactly once, over kept-alive connections") {
    TestHttpServer server;
    LatencyRecorder recorder(2);
    LoadRunner runner(constantWorkload(WorkloadModel::VirtualUsers, 4, 1000ms, 2),
                      httpTarget(server.url("/x")), recorder);
    const RunResult run = runToEnd(runner, recorder);
    CHECK(run.interval.counts.requests > 100);
    CHECK(run.interval.counts.requests == server.requests());
    CHECK(run.interval.counts.errors == 0);
    CHECK(server.connections() == 4);
    CHECK(run.elapsed >= 1000ms);
    CHECK(run.elapsed < 1500ms);
}

TEST_CASE("closed-model latency against a 20 ms server has a median of 20 to 24 ms in both views") {
    TestHttpServer server({.delay = 20ms});
    LatencyRecorder recorder(1);
    LoadRunner runner(constantWorkload(WorkloadModel::VirtualUsers, 4, 1000ms, 1), httpTarget(server.url()),
                      recorder);
    const RunResult run = runToEnd(runner, recorder);
    REQUIRE(run.interval.counts.requests > 100); // 4 users * ~45 round trips each
    CHECK(run.interval.latency.percentile(50) >= 20'000);
    CHECK(run.interval.latency.percentile(50) <= 24'000);
    CHECK(run.interval.serviceTime.percentile(50) == run.interval.latency.percentile(50));
}

TEST_CASE("think time paces each virtual user") {
    TestHttpServer server;
    LatencyRecorder recorder(1);
    Workload workload = constantWorkload(WorkloadModel::VirtualUsers, 2, 1000ms, 1);
    workload.thinkTime = 100ms;
    LoadRunner runner(workload, httpTarget(server.url()), recorder);
    const RunResult run = runToEnd(runner, recorder);
    CHECK(run.interval.counts.requests >= 16); // 2 users * 10 rounds of ~100 ms, minus scheduling slack
    CHECK(run.interval.counts.requests <= 22);
}

TEST_CASE("pacing starts each user's requests at a fixed rate whatever the response time") {
    TestHttpServer server({.delay = 30ms});
    LatencyRecorder recorder(1);
    Workload workload = constantWorkload(WorkloadModel::VirtualUsers, 2, 1000ms, 1);
    workload.pacing = 100ms;
    LoadRunner runner(workload, httpTarget(server.url()), recorder);
    const RunResult run = runToEnd(runner, recorder);
    CHECK(run.interval.counts.requests >= 18); // 2 users * 10 requests due every 100 ms, not every 130 ms
    CHECK(run.interval.counts.requests <= 22);
}

TEST_CASE(
    "paced users whose server freezes send their missed requests late, count them, and carry the freeze "
    "in their latency while their service time stays short") {
    // 2 users due every 50 ms for 1.5 s: 60 requests; the server freezes for 500 ms on the 10th.
    TestHttpServer server({.stallOnRequest = 10, .stallFor = 500ms});
    LatencyRecorder recorder(1);
    Workload workload = constantWorkload(WorkloadModel::VirtualUsers, 2, 1500ms, 1);
    workload.pacing = 50ms;
    LoadRunner runner(workload, httpTarget(server.url()), recorder);
    const RunResult run = runToEnd(runner, recorder);
    INFO("requests " << run.interval.counts.requests << ", late " << run.interval.counts.lateSends << ", p90 "
                     << run.interval.latency.percentile(90) << " us, service p90 "
                     << run.interval.serviceTime.percentile(90) << " us");
    CHECK(run.interval.counts.requests >=
          56); // the schedule's requests, the missed slots sent after the freeze
    CHECK(run.interval.counts.requests <= 62);
    CHECK(run.interval.counts.lateSends >= 12); // ~10 slots per user fell in the freeze
    CHECK(run.interval.latency.percentile(90) >= 150'000);
    CHECK(run.interval.serviceTime.percentile(90) < 50'000);
}

TEST_CASE("unpaced users measure service time: a freeze shows only in the requests it held") {
    TestHttpServer server({.stallOnRequest = 10, .stallFor = 500ms});
    LatencyRecorder recorder(1);
    Workload workload = constantWorkload(WorkloadModel::VirtualUsers, 2, 1500ms, 1);
    workload.thinkTime = 50ms;
    LoadRunner runner(workload, httpTarget(server.url()), recorder);
    const RunResult run = runToEnd(runner, recorder);
    CHECK(run.interval.counts.lateSends == 0);
    CHECK(run.interval.serviceTime.percentile(90) == run.interval.latency.percentile(90));
    CHECK(run.interval.latency.percentile(90) < 50'000);
}

TEST_CASE("a ramp starts users as the target rises and activeUsers follows it") {
    TestHttpServer server({.delay = 5ms});
    LatencyRecorder recorder(2);
    Workload workload;
    workload.model = WorkloadModel::VirtualUsers;
    workload.stages = {{600ms, 6}, {600ms, 6}};
    workload.threads = 2;
    LoadRunner runner(workload, httpTarget(server.url()), recorder);
    runner.start();
    std::this_thread::sleep_for(100ms);
    const std::uint32_t early = runner.activeUsers();
    std::this_thread::sleep_for(800ms);
    const std::uint32_t late = runner.activeUsers();
    runner.stop();
    CHECK(early <= 2);
    CHECK(late == 6);
    CHECK(server.connections() == 6);
}

TEST_CASE("500 answers are counted as http 5xx errors") {
    TestHttpServer server({.status = 500});
    LatencyRecorder recorder(1);
    LoadRunner runner(constantWorkload(WorkloadModel::VirtualUsers, 2, 300ms, 1), httpTarget(server.url()),
                      recorder);
    const RunResult run = runToEnd(runner, recorder);
    CHECK(run.interval.counts.requests == server.requests());
    CHECK(run.interval.counts.errors == run.interval.counts.requests);
    CHECK(errorsOf(run.interval, ErrorKind::Status5xx) == run.interval.counts.requests);
}

TEST_CASE("chunked answers are read completely over kept-alive connections") {
    TestHttpServer server({.body = std::string(100, 'x'), .chunked = true});
    LatencyRecorder recorder(1);
    LoadRunner runner(constantWorkload(WorkloadModel::VirtualUsers, 2, 300ms, 1), httpTarget(server.url()),
                      recorder);
    const RunResult run = runToEnd(runner, recorder);
    CHECK(run.interval.counts.requests > 10);
    CHECK(run.interval.counts.errors == 0);
    CHECK(server.connections() == 2);
}

TEST_CASE("a refused connection records Connect errors and the run still ends on time") {
    LatencyRecorder recorder(1);
    LoadRunner runner(constantWorkload(WorkloadModel::VirtualUsers, 2, 500ms, 1),
                      httpTarget("http://127.0.0.1:" + std::to_string(TestHttpServer::closedPort()) + "/"),
                      recorder);
    const RunResult run = runToEnd(runner, recorder);
    CHECK(run.interval.counts.errors > 0);
    CHECK(errorsOf(run.interval, ErrorKind::Connect) == run.interval.counts.requests);
    CHECK(run.elapsed < 1000ms);
}

TEST_CASE("stop ends a long run early and waits for in-flight requests") {
    TestHttpServer server({.delay = 50ms});
    LatencyRecorder recorder(1);
    LoadRunner runner(constantWorkload(WorkloadModel::VirtualUsers, 3, 60'000ms, 1), httpTarget(server.url()),
                      recorder);
    runner.start();
    std::this_thread::sleep_for(200ms);
    const auto before = std::chrono::steady_clock::now();
    runner.stop(2000ms);
    CHECK(std::chrono::steady_clock::now() - before < 200ms);
    CHECK(runner.finished());
    Interval interval;
    recorder.collect(interval);
    CHECK(interval.counts.requests == server.requests());
    CHECK(interval.counts.errors == 0);
}

TEST_CASE("a drain that runs out of time abandons the stuck requests without recording them") {
    TestHttpServer server({.delay = 5000ms});
    LatencyRecorder recorder(1);
    LoadRunner runner(constantWorkload(WorkloadModel::VirtualUsers, 2, 60'000ms, 1), httpTarget(server.url()),
                      recorder);
    runner.start();
    std::this_thread::sleep_for(100ms);
    const auto before = std::chrono::steady_clock::now();
    runner.stop(100ms);
    CHECK(std::chrono::steady_clock::now() - before < 1000ms);
    Interval interval;
    recorder.collect(interval);
    CHECK(server.requests() == 2);
    CHECK(interval.counts.requests == 0);
}

TEST_CASE("a stop request returns at once, and a second one with no drain cuts the drain under way short") {
    TestHttpServer server({.delay = 5000ms});
    LatencyRecorder recorder(1);
    LoadRunner runner(constantWorkload(WorkloadModel::VirtualUsers, 2, 60'000ms, 1), httpTarget(server.url()),
                      recorder);
    runner.start();
    std::this_thread::sleep_for(100ms);
    const auto before = std::chrono::steady_clock::now();
    runner.requestStop(4000ms);
    CHECK(std::chrono::steady_clock::now() - before < 100ms);
    std::this_thread::sleep_for(300ms);
    CHECK_FALSE(runner.finished()); // draining: the server holds both requests
    runner.requestStop(0ms);
    const auto cut = std::chrono::steady_clock::now();
    while (!runner.finished() && std::chrono::steady_clock::now() - cut < 3000ms)
        std::this_thread::sleep_for(10ms);
    CHECK(std::chrono::steady_clock::now() - cut < 1000ms);
    runner.stop();
    Interval interval;
    recorder.collect(interval);
    CHECK(interval.counts.requests == 0);
}

TEST_CASE("a recorder with fewer slots than threads is rejected") {
    LatencyRecorder recorder(1);
    CHECK_THROWS_WITH(LoadRunner(constantWorkload(WorkloadModel::VirtualUsers, 1, 100ms, 2),
                                 httpTarget("http://127.0.0.1:9/"), recorder),
                      Catch::Contains("slots"));
}

TEST_CASE("a weighted mix records each request's latency, or its time to failure, and each status class "
          "apart") {
    TestHttpServer fast;
    TestHttpServer failing({.status = 500, .delay = 20ms});
    ResolvedTarget target = httpTarget(fast.url("/fast"));
    target.http.emplace_back().url = failing.url("/failing");
    LatencyRecorder recorder(1, target.http.size());
    LoadRunner runner(constantWorkload(WorkloadModel::VirtualUsers, 4, 1000ms, 1), target, recorder);
    const RunResult run = runToEnd(runner, recorder);
    const auto& parts = run.interval.byRequest;
    REQUIRE(parts.size() == 2);
    CHECK(parts[0].latency.count() == fast.requests());
    CHECK(parts[1].latency.empty()); // every answer was a 500: no latency, a time to failure
    CHECK(parts[1].failureTime.count() == failing.requests());
    CHECK(parts[0].errors == 0);
    CHECK(parts[1].errors == failing.requests());
    CHECK(parts[1].requests == failing.requests());
    CHECK(parts[0].latency.percentile(50) < 20'000);
    CHECK(parts[1].failureTime.percentile(50) >= 20'000);
    const auto& classes = run.interval.byStatusClass;
    REQUIRE(classes.size() == kStatusClassCount);
    CHECK(classes[static_cast<std::size_t>(StatusClass::S2xx)].latency.count() == fast.requests());
    CHECK(classes[static_cast<std::size_t>(StatusClass::S5xx)].failureTime.count() == failing.requests());
    CHECK(classes[static_cast<std::size_t>(StatusClass::NoAnswer)].latency.empty());
}
