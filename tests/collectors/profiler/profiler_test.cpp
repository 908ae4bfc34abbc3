// Profiler: both mechanisms find a known busy function in the thread that ran it, survive threads ending
// mid-run, hand every sample out exactly once, and reject a bad rate.
#include "collectors/profiler/profiler.h"

#include "tests/collectors/profiler_fixture.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <vector>

using perflab::Profiler;
using perflab::ProfilerMechanism;
using namespace profiler_test;

namespace {

struct Mechanism {
    ProfilerMechanism option;
    std::string_view name;
};

const Mechanism kPerf{ProfilerMechanism::PerfEvent, "perf_event"};
const Mechanism kSignal{ProfilerMechanism::SignalTimer, "signal-timer"};

} // namespace

TEST_CASE("each profiler mechanism finds a busy function in the thread that ran it") {
    const Mechanism mechanism = GENERATE(kPerf, kSignal);
    Spinner spinner("spinner");
    Profiler profiler({.hz = 999, .mechanism = mechanism.option, .engines = {}});
    CHECK(profiler.mechanism() == mechanism.name);
    spinner.runFor(0.4);
    spinner.stop();
    profiler.stop();
    const perflab::Profile profile = profiler.takeSlice();

    INFO(mechanism.name);
    const std::uint64_t spinnerSamples = samplesOfThread(profile, "spinner");
    // 0.4 s of CPU at 999 Hz is ~400 samples; most of them inside the spin function, none outside its thread.
    CHECK(spinnerSamples >= 300);
    CHECK(samplesThrough(profile, kSpinFrame, "spinner") >= spinnerSamples * 8 / 10);
    CHECK(samplesThrough(profile, kSpinFrame) == samplesThrough(profile, kSpinFrame, "spinner"));
    // Root first: the thread's entry is outside the spin function, which sits near the leaf.
    for (std::size_t i = 0; i < profile.stackCount(); ++i) {
        const auto stack = profile.stack(i);
        if (hasFrameStartingWith(profile, stack, kSpinFrame))
            CHECK_FALSE(profile.frameName(stack.frames.front()).starts_with(kSpinFrame));
    }
}

TEST_CASE("the signal-timer profiler keeps sampling while threads end mid-run") {
    Spinner longRunner("long-runner");
    Profiler profiler({.hz = 999, .mechanism = ProfilerMechanism::SignalTimer, .engines = {}});
    const double longRunnerStart = longRunner.cpuSeconds();
    for (int round = 0; round < 30; ++round) { // each ends while its timer is armed
        std::vector<std::thread> shortLived;
        for (int i = 0; i < 3; ++i)
            shortLived.push_back(spinnerThread("short-lived", 0.01));
        for (auto& thread : shortLived)
            thread.join();
    }
    longRunner.runFor(std::max(0.0, 0.4 - (longRunner.cpuSeconds() - longRunnerStart)));
    longRunner.stop();
    profiler.stop();
    const perflab::Profile profile = profiler.takeSlice();
    CHECK(samplesThrough(profile, kSpinFrame, "long-runner") >= 300);
    CHECK(profiler.problem().empty());
}

TEST_CASE("profile slices partition the samples: none is lost between slices or counted twice") {
    const Mechanism mechanism = GENERATE(kPerf, kSignal);
    Spinner spinner("spinner");
    Profiler profiler({.hz = 999, .mechanism = mechanism.option, .engines = {}});
    const double end = spinner.cpuSeconds() + 0.4;
    std::uint64_t sliced = 0;
    std::uint64_t spinnerSliced = 0;
    int nonEmpty = 0;
    while (spinner.cpuSeconds() < end) {
        spinner.runFor(0.04);
        const perflab::Profile slice = profiler.takeSlice();
        sliced += slice.totalSamples();
        spinnerSliced += samplesOfThread(slice, "spinner");
        nonEmpty += slice.totalSamples() > 0 ? 1 : 0;
    }
    spinner.stop();
    profiler.stop();
    const perflab::Profile rest = profiler.takeSlice();
    sliced += rest.totalSamples();
    spinnerSliced += samplesOfThread(rest, "spinner");

    INFO(mechanism.name);
    CHECK(nonEmpty >= 2);
    CHECK(sliced == profiler.samplesTaken());
    CHECK(spinnerSliced >= 300);
    CHECK(profiler.takeSlice().totalSamples() == 0);
}

TEST_CASE("a profiler rate out of 1 to 10000 Hz is an error naming the rate") {
    const int hz = GENERATE(0, -5, 10'001);
    try {
        Profiler profiler({.hz = hz, .mechanism = ProfilerMechanism::Automatic, .engines = {}});
        FAIL("a rate of " << hz << " Hz was accepted");
    } catch (const std::invalid_argument& e) {
        CHECK_THAT(e.what(), Catch::Contains(std::to_string(hz) + " Hz"));
    }
}

TEST_CASE("profiler mechanism names parse as PERFLAB_PROFILER spells them") {
    CHECK(perflab::parseProfilerMechanism("perf") == ProfilerMechanism::PerfEvent);
    CHECK(perflab::parseProfilerMechanism("signal") == ProfilerMechanism::SignalTimer);
    CHECK(perflab::parseProfilerMechanism("auto") == ProfilerMechanism::Automatic);
    CHECK_FALSE(perflab::parseProfilerMechanism("perf_event"));
}
