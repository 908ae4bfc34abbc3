// Tests of model/results/slo.h: sliding windows over synthetic seconds, first breaches, grace and abort.
#include "model/results/slo.h"
#include "model/results/summary.h"

#include <catch2/catch.hpp>

using namespace perflab;
using namespace std::chrono_literals;

namespace {

struct SecondSpec {
    std::int64_t latencyUs = 5'000;
    std::uint64_t requests = 100;
    std::uint64_t errors = 0;
    double cpuPercent = 10;
    double memoryPercent = 5;
};

Interval second(const SecondSpec& spec) {
    Interval i;
    i.counts.requests = spec.requests;
    i.counts.errors = spec.errors;
    i.latency.record(spec.latencyUs, spec.requests);
    i.serviceTime.record(spec.latencyUs, spec.requests);
    i.resources.processCpuPercent = spec.cpuPercent;
    i.resources.processMemoryPercent = spec.memoryPercent;
    return i;
}

Millis secondsIn(int n) {
    return Millis(n * 1000);
}

Scenario scenarioWith(const SloSpec& slo) {
    Scenario scenario;
    scenario.slo = slo;
    return scenario;
}

SloSpec windowed(Millis over, SloLimits limits) {
    SloSpec spec;
    static_cast<SloLimits&>(spec) = {};
    spec.windows.push_back({.over = over, .limits = limits});
    return spec;
}

} // namespace

TEST_CASE("a 60 s window catches a 30 s latency burst that the whole-run p95 hides") {
    SloSpec spec = windowed(60s, {.p95Ms = 100});
    spec.p95Ms = 100;
    SloMonitor monitor(spec);
    RunTotals totals;
    std::vector<SloResult> breaches;
    for (int t = 0; t < 900; ++t) { // 15 minutes at 5 ms, with 400 ms from 300 s to 330 s
        const Interval interval = second({.latencyUs = t >= 300 && t < 330 ? 400'000 : 5'000});
        totals.add(interval);
        for (const SloResult& breach : monitor.add(interval, secondsIn(t + 1)))
            breaches.push_back(breach);
    }
    const Summary summary = totals.summarize(1, scenarioWith(spec), false, monitor.windowResults());
    REQUIRE(summary.slos.size() == 2);
    CHECK(summary.slos[0].name == "p95_ms");
    CHECK(summary.slos[0].pass); // 30 slow seconds of 900 stay under the run's 5 %
    CHECK(summary.slos[0].value == Approx(5.0).epsilon(0.001));

    const SloResult& window = summary.slos[1];
    CHECK(label(window) == "p95_ms over 1m");
    CHECK(window.windowS == 60);
    CHECK_FALSE(window.pass);
    CHECK(window.value == Approx(400.0).epsilon(0.001)); // the worst window
    // The first window with more than 5 % slow requests ends after the 4th slow second.
    REQUIRE(window.breachedAtS);
    CHECK(*window.breachedAtS == 304);
    CHECK_FALSE(summary.passed);
    REQUIRE(breaches.size() == 1); // reported once, however many windows fail
    CHECK(describeBreach(breaches[0]) == "p95_ms over 1m: 400.1, threshold < 100, at 304s");
    CHECK_FALSE(monitor.abortCause()); // abort_on_breach is off
}

TEST_CASE("a sliding window forgets the seconds older than its span") {
    SlidingWindow window(10s, true);
    for (int t = 0; t < 10; ++t)
        window.add(second({.latencyUs = 900'000, .errors = 50}));
    CHECK(window.figures().p95Ms == Approx(900.0).epsilon(0.001));
    CHECK(window.figures().errorRate == Approx(0.5));
    for (int t = 0; t < 10; ++t)
        CHECK(window.add(second({.latencyUs = 2'000})));
    CHECK(window.figures().p95Ms == Approx(2.0).epsilon(0.001));
    CHECK(window.figures().errorRate == 0);
    CHECK(window.figures().rpm == Approx(6000.0));
}

TEST_CASE("a window is judged only once full, and one longer than a minute slides by a sixtieth of it") {
    SlidingWindow minute(60s, false);
    for (int t = 1; t < 60; ++t)
        CHECK_FALSE(minute.add(second({})));
    CHECK(minute.add(second({})));
    CHECK(minute.add(second({}))); // then every second

    SlidingWindow tenMinutes(10min, false); // 60 slots of 10 s
    int judgements = 0;
    for (int t = 1; t <= 700; ++t)
        judgements += tenMinutes.add(second({})) ? 1 : 0;
    CHECK(judgements == 11); // at 600 s, then each 10 s up to 700 s
}

TEST_CASE("a window's CPU is the mean of its seconds and its memory the highest second") {
    SlidingWindow window(4s, false);
    window.add(second({.cpuPercent = 100, .memoryPercent = 10}));
    window.add(second({.cpuPercent = 0, .memoryPercent = 90}));
    window.add(second({.cpuPercent = 0, .memoryPercent = 10}));
    window.add(second({.cpuPercent = 0, .memoryPercent = 10}));
    CHECK(window.figures().cpuPercent == Approx(25.0));
    CHECK(window.figures().memoryPercent == Approx(90.0));
}

TEST_CASE("grace prevents an early abort and the abort fires at the first failing window after it") {
    SloSpec spec = windowed(5s, {.p95Ms = 10});
    spec.abortOnBreach = true;
    spec.grace = 30s;
    SloMonitor monitor(spec);
    for (int t = 1; t < 30; ++t) {
        const auto breaches = monitor.add(second({.latencyUs = 50'000}), secondsIn(t));
        CHECK(breaches.size() == (t == 5 ? 1u : 0u)); // the breach is recorded during grace
        CHECK_FALSE(monitor.abortCause());
    }
    monitor.add(second({.latencyUs = 50'000}), 30s);
    REQUIRE(monitor.abortCause());
    CHECK(*monitor.abortCause()->breachedAtS == 30);
    CHECK(monitor.windowResults()[0].breachedAtS == 5.0); // the verdict keeps the first breach
}

TEST_CASE("a burst that ends within grace fails the window's verdict but never aborts") {
    SloSpec spec = windowed(5s, {.maxErrorRate = 0.01});
    spec.abortOnBreach = true;
    spec.grace = 20s;
    SloMonitor monitor(spec);
    for (int t = 1; t <= 60; ++t)
        monitor.add(second({.errors = t <= 10 ? 20u : 0u}), secondsIn(t));
    CHECK_FALSE(monitor.abortCause());
    CHECK_FALSE(monitor.windowResults()[0].pass);
    CHECK(monitor.windowResults()[0].value == Approx(0.2));
}

TEST_CASE("a whole-run CPU maximum breaches on its first second above the limit and aborts after grace") {
    SloSpec spec;
    spec.maxCpuPercent = 70;
    spec.abortOnBreach = true;
    spec.grace = 10s;
    SloMonitor monitor(spec);
    const auto breaches = monitor.add(second({.cpuPercent = 95}), 3s);
    REQUIRE(breaches.size() == 1);
    CHECK(describeBreach(breaches[0]) == "max_cpu_percent (whole run): 95, threshold < 70, at 3s");
    for (int t = 4; t < 10; ++t)
        CHECK(monitor.add(second({}), secondsIn(t)).empty());
    CHECK_FALSE(monitor.abortCause());
    monitor.add(second({}), 10s); // one second above the limit has already failed the run
    REQUIRE(monitor.abortCause());
    CHECK(monitor.abortCause()->name == "max_cpu_percent");
}

TEST_CASE("a window longer than the run is judged once at the end over the whole run") {
    SloMonitor monitor(windowed(5min, {.minRpm = 10'000}));
    for (int t = 1; t <= 20; ++t)
        CHECK(monitor.add(second({.requests = 100}), secondsIn(t)).empty());
    const auto breaches = monitor.finish();
    REQUIRE(breaches.size() == 1);
    CHECK(breaches[0].value == Approx(6000.0));
    CHECK(describeBreach(breaches[0]) == "min_rpm over 5m: 6000, threshold >= 10000, at 20s");
}

TEST_CASE(
    "min_availability is a floor on the share of requests that succeeded, for the run and its windows") {
    SloSpec spec = windowed(10s, {.minAvailability = 0.9999});
    spec.minAvailability = 0.999;
    SloMonitor monitor(spec);
    for (int t = 1; t <= 30; ++t) // 3,000 requests, 1 failed in second 20: 99.967 % over the run
        monitor.add(second({.requests = 100, .errors = t == 20 ? 1u : 0u}), secondsIn(t));
    const auto windows = monitor.windowResults();
    REQUIRE(windows.size() == 1);
    CHECK(windows[0].name == "min_availability");
    CHECK_FALSE(windows[0].pass);
    CHECK(windows[0].value == Approx(0.999)); // the worst window: 1 of its 1,000
    CHECK(windows[0].breachedAtS == 20.0);
    CHECK(describeBreach(windows[0]) == "min_availability over 10s: 0.999, threshold >= 0.9999, at 20s");

    const auto whole = judgeSlos(spec, {.errorRate = 1.0 / 3000});
    REQUIRE(whole.size() == 1);
    CHECK(whole[0].value == Approx(1 - 1.0 / 3000));
    CHECK(whole[0].pass);
    CHECK_FALSE(judgeSlos({.minAvailability = 0.9999}, {.errorRate = 1.0 / 3000})[0].pass);
}

TEST_CASE("max_degraded_rate judges answers served from a fallback apart from the error budget") {
    Interval outage = second({.requests = 100, .errors = 1});
    outage.counts.requests += 30;
    outage.counts.degraded = 30;
    const std::vector<SloResult> results =
        judgeSlos({.maxErrorRate = 0.01, .maxDegradedRate = 0.2},
                  {.errorRate = outage.counts.errorRate(), .degradedRate = outage.counts.degradedRate()});
    REQUIRE(results.size() == 2);
    CHECK(results[0].name == "max_error_rate");
    CHECK(results[0].pass); // 1 of 130
    CHECK(results[1].name == "max_degraded_rate");
    CHECK(results[1].value == Approx(30.0 / 130));
    CHECK_FALSE(results[1].pass);

    SlidingWindow window(secondsIn(2), false);
    window.add(second({}));
    window.add(outage);
    CHECK(window.figures().degradedRate == Approx(30.0 / 230));
}
