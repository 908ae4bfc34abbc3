// In-process engine calls run on the engine executor's threads: users queue for them as they would for a
// server, the queue shows in latency, and a stop or a drain that runs out of time leaves nothing behind.
#include "collectors/resources/process_threads.h"
#include "tests/load/run_helpers.h"

#include <catch2/catch.hpp>

#include <pthread.h>

#include <mutex>
#include <set>

using namespace perflab;
using namespace perflab::load;
using namespace perflab::load::testing;
using namespace std::chrono_literals;

namespace {

// Each call takes `callTime` off the calling thread without using a CPU, so how many run at once is what the
// engine's threads allow, whatever the machine's load. Remembers the names of the threads it ran on.
class SlowEngine : public FakeEngine {
public:
    explicit SlowEngine(std::chrono::milliseconds callTime)
        : m_callTime(callTime) {}
    engines::Response execute(std::string_view request) override {
        char name[16] = {};
        ::pthread_getname_np(::pthread_self(), name, sizeof name);
        {
            const std::lock_guard lock(m_mutex);
            m_threadNames.insert(name);
        }
        std::this_thread::sleep_for(m_callTime);
        return FakeEngine::execute(request);
    }
    std::set<std::string> threadNames() const {
        const std::lock_guard lock(m_mutex);
        return m_threadNames;
    }

private:
    std::chrono::milliseconds m_callTime;
    mutable std::mutex m_mutex;
    std::set<std::string> m_threadNames;
};

ResolvedTarget inProcess(engines::Engine& engine, unsigned engineThreads) {
    ResolvedTarget target;
    target.engine = &engine;
    target.engineRequests = {{.shape = 0, .body = "{}"}};
    target.engineThreads = engineThreads;
    return target;
}

// Collects what the users recorded between `from` and `to` after the start.
Interval window(LatencyRecorder& recorder, std::chrono::steady_clock::time_point start,
                std::chrono::milliseconds from, std::chrono::milliseconds to) {
    std::this_thread::sleep_until(start + from);
    Interval discarded;
    recorder.collect(discarded);
    std::this_thread::sleep_until(start + to);
    Interval interval;
    recorder.collect(interval);
    return interval;
}

} // namespace

TEST_CASE("in-process engine calls run on the engine's own named threads, not on the load workers") {
    SlowEngine engine(1ms);
    LatencyRecorder recorder(2);
    LoadRunner runner(constantWorkload(WorkloadModel::VirtualUsers, 4, 300ms, 2), inProcess(engine, 3),
                      recorder);
    const RunResult run = runToEnd(runner, recorder);
    CHECK(run.interval.counts.requests == engine.calls());
    CHECK(engine.threadNames() == std::set<std::string>{profiling::kEngineThreadName});
}

TEST_CASE("an in-process engine's failures count as engine errors") {
    FakeEngine engine(503);
    LatencyRecorder recorder(2);
    LoadRunner runner(constantWorkload(WorkloadModel::VirtualUsers, 4, 300ms, 2), inProcess(engine, 0),
                      recorder);
    const RunResult run = runToEnd(runner, recorder);
    CHECK(run.interval.counts.requests > 100);
    CHECK(run.interval.counts.requests == engine.calls());
    CHECK(errorsOf(run.interval, ErrorKind::Engine) == run.interval.counts.requests);
}

TEST_CASE("latency of in-process calls grows with the users once the engine's threads are busy") {
    // Two engine threads at 4 ms a call carry 500 calls a second: 4 users wait ~8 ms, 16 users ~32 ms,
    // 64 users ~128 ms, as the same users would wait on a server with two threads.
    SlowEngine engine(4ms);
    LatencyRecorder recorder(2);
    Workload steps = constantWorkload(WorkloadModel::VirtualUsers, 4, 600ms, 2);
    steps.stages.push_back({1ms, 16});
    steps.stages.push_back({600ms, 16});
    steps.stages.push_back({1ms, 64});
    steps.stages.push_back({600ms, 64});
    LoadRunner runner(steps, inProcess(engine, 2), recorder);
    const auto start = std::chrono::steady_clock::now();
    runner.start();
    const double at4 = window(recorder, start, 250ms, 550ms).latency.mean();
    const double at16 = window(recorder, start, 850ms, 1150ms).latency.mean();
    const double at64 = window(recorder, start, 1450ms, 1750ms).latency.mean();
    runner.stop();
    INFO("mean latency at 4, 16, 64 users (us): " << at4 << ", " << at16 << ", " << at64);
    CHECK(at4 < 16'000);
    CHECK(at16 > 2 * at4);
    CHECK(at64 > 2 * at16);
    CHECK(at64 > 90'000);
}

TEST_CASE("a stop lets queued in-process calls finish and starts no new one") {
    // 200 users queue for one engine thread at 1 ms a call: those queued when the stop comes are in flight
    // and are answered and recorded within the drain; no user calls again.
    SlowEngine engine(1ms);
    LatencyRecorder recorder(1);
    LoadRunner runner(constantWorkload(WorkloadModel::VirtualUsers, 200, 60'000ms, 1), inProcess(engine, 1),
                      recorder);
    runner.start();
    std::this_thread::sleep_for(300ms);
    const std::uint64_t before = engine.calls();
    const auto stopAt = std::chrono::steady_clock::now();
    runner.stop(5000ms);
    CHECK(std::chrono::steady_clock::now() - stopAt < 2000ms);
    CHECK(runner.finished());
    CHECK(engine.calls() - before >= 150); // the calls queued at the stop are answered...
    CHECK(engine.calls() - before <= 200); // ...and they are all: one a user
    Interval interval;
    recorder.collect(interval);
    CHECK(interval.counts.requests == engine.calls());
}

TEST_CASE("a drain that runs out of time skips the queued engine calls and waits only for the running one") {
    SlowEngine engine(400ms);
    LatencyRecorder recorder(1);
    LoadRunner runner(constantWorkload(WorkloadModel::VirtualUsers, 8, 60'000ms, 1), inProcess(engine, 1),
                      recorder);
    runner.start();
    std::this_thread::sleep_for(100ms);
    const auto stopAt = std::chrono::steady_clock::now();
    runner.stop(50ms);
    const auto stopped = std::chrono::steady_clock::now() - stopAt;
    CHECK(stopped >= 200ms); // the running call cannot be cut short...
    CHECK(stopped < 1000ms); // ...but the seven queued behind it (2.8 s more) are never made
    CHECK(engine.calls() == 1);
    Interval interval;
    recorder.collect(interval);
    CHECK(interval.counts.requests == 0); // answered after the drain gave up: abandoned, not recorded
}
