// perflab run with profiling on: each mechanism (PERFLAB_PROFILER) stores per-second profile slices of the
// run whose merged profile shows the hosted engine's own functions, tagged with the engine.
#include "model/store/run_store.h"
#include "tests/app/process.h"

#include <catch2/catch.hpp>

#include <string>
#include <utility>

using perflab::RunStore;
using perflab::test::runPerflab;
using perflab::test::TempDir;

namespace {

const std::string kProfiledRun = R"({"name": "profiled", "kind": "load",
    "target": {"engine": "analytics", "variant": "optimized", "via": "call"},
    "workload": {"model": "virtual-users", "threads": 2, "stages": [{"duration": "3s", "target": 2}]},
    "slo": {"p95_ms": 100000, "min_successful_requests": 1}, "profile": {"hz": 999}})";

std::uint64_t samplesInEngineCode(const perflab::Profile& profile, const std::string& engine) {
    std::uint64_t samples = 0;
    for (std::size_t i = 0; i < profile.stackCount(); ++i) {
        const auto stack = profile.stack(i);
        if (profile.tagName(stack.engine) != engine)
            continue;
        for (const perflab::FrameId frame : stack.frames)
            if (profile.frameName(frame).starts_with("perflab::engines::" + engine + "::")) {
                samples += stack.count;
                break;
            }
    }
    return samples;
}

} // namespace

TEST_CASE(
    "a profiled run stores slices whose merged profile holds the engine's frames, with either sampler") {
    using Choice = std::pair<std::string, std::string>; // PERFLAB_PROFILER, the mechanism stored
    const auto [choice, mechanism] = GENERATE(Choice{"perf", "perf_event"}, Choice{"signal", "signal-timer"});
    TempDir dir;
    dir.write("s.json", kProfiledRun);
    const auto run =
        runPerflab("run s.json --db runs.db --quiet --metrics off", dir, "env PERFLAB_PROFILER=" + choice);
    INFO(run.err);
    REQUIRE(run.exitCode == 0);

    const RunStore store(dir.path() / "runs.db", RunStore::Mode::ReadOnly);
    const auto runs = store.runs();
    REQUIRE(runs.size() == 1);
    const auto slices = store.profileSlices(runs.front().id);
    REQUIRE(slices.size() >= 2); // one a second
    for (const auto& slice : slices) {
        CHECK(slice.source == mechanism);
        CHECK(slice.endMs > slice.startMs);
        CHECK(slice.samples > 0);
    }
    const perflab::Profile profile = store.profile(runs.front().id);
    CHECK(profile.engines() == std::vector<std::string>{"analytics"});
    // Two workers busy for ~3 s at 999 Hz: most of ~6000 samples are in the engine.
    CHECK(samplesInEngineCode(profile, "analytics") >= profile.totalSamples() / 4);
}

TEST_CASE("an unknown PERFLAB_PROFILER value is a usage error naming the variable") {
    TempDir dir;
    dir.write("s.json", kProfiledRun);
    const auto run =
        runPerflab("run s.json --db runs.db --quiet --metrics off", dir, "env PERFLAB_PROFILER=ebpf");
    CHECK(run.exitCode == 2);
    CHECK(run.err.find("PERFLAB_PROFILER") != std::string::npos);
    CHECK(run.err.find("ebpf") != std::string::npos);
}
