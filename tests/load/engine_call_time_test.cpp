// In-process engine calls are timed on the workers (the target's CPU share for `via: call`), and the
// workers carry the name the resource sampler and profiles tell them apart by.
#include "collectors/resources/process_threads.h"
#include "collectors/zones/zone_clock.h"
#include "tests/load/run_helpers.h"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace perflab;
using namespace perflab::load;
using namespace perflab::load::testing;
using namespace std::chrono_literals;

namespace {

std::size_t threadsNamed(const std::string& name) {
    const auto tids = profiling::threadsOfThisProcess();
    return static_cast<std::size_t>(std::count_if(
        tids.begin(), tids.end(), [&](pid_t tid) { return profiling::threadName(tid) == name; }));
}

} // namespace

TEST_CASE("the time workers spend in in-process engine calls adds up in the recorder") {
    zone_clock::anchor();
    FakeEngine engine(200, 3, 80ms); // the third call takes 80 ms
    LatencyRecorder recorder(2);
    ResolvedTarget target;
    target.engine = &engine;
    target.engineRequest = "{}";
    LoadRunner runner(constantWorkload(WorkloadModel::VirtualUsers, 2, 300ms, 2), target, recorder);
    CHECK(recorder.engineTicks() == 0);
    const auto start = std::chrono::steady_clock::now();
    runner.start();
    std::size_t named = 0;
    for (int attempt = 0; attempt < 200 && named < 2; ++attempt) {
        std::this_thread::sleep_for(1ms);
        named = threadsNamed(profiling::kLoadThreadName);
    }
    CHECK(named == 2);
    while (!runner.finished() && std::chrono::steady_clock::now() - start < 8s)
        std::this_thread::sleep_for(2ms);
    runner.stop();
    const double wallNanos =
        std::chrono::duration<double, std::nano>(std::chrono::steady_clock::now() - start).count();
    REQUIRE(engine.calls() >= 3);
    const double nanos = zone_clock::calibrate().nanos(recorder.engineTicks());
    CHECK(nanos >= 80e6);          // the slow call, at least
    CHECK(nanos <= 2 * wallNanos); // never more than the two workers' wall time
}
