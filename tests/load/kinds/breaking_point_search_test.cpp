// Stress steps judged from seconds of a run: the breaking point, the last sustainable step and the knee.
#include "load/kinds/breaking_point_search.h"

#include <catch2/catch.hpp>

using namespace std::chrono_literals;
using perflab::EventKind;
using perflab::Interval;
using perflab::Millis;
using perflab::SloLimits;
using perflab::Stage;
using perflab::Workload;
using perflab::WorkloadModel;
using perflab::load::BreakingPointSearch;
using perflab::load::StressEvent;

namespace {

// Steps of 100, 200, ... req/s: a 1 s ramp, then a 3 s hold each.
Workload steps(int count) {
    Workload workload{.model = WorkloadModel::ArrivalRate, .stages = {}};
    for (int i = 1; i <= count; ++i) {
        workload.stages.push_back({1s, 100.0 * i});
        workload.stages.push_back({3s, 100.0 * i});
    }
    return workload;
}

Interval second(std::uint64_t requests, std::int64_t latencyUs, std::uint64_t errors = 0) {
    Interval interval;
    interval.counts.requests = requests;
    interval.counts.errors = errors;
    interval.latency.record(latencyUs, requests);
    return interval;
}

// Plays a run whose seconds answer `rate` req/s with p95 latencyAt(rate) and errorsAt(rate) errors.
template <class Latency, class Errors>
std::vector<StressEvent> play(BreakingPointSearch& search, const Workload& workload, Latency latencyAt,
                              Errors errorsAt) {
    std::vector<StressEvent> events;
    for (Millis t = 1s; t <= workload.totalDuration() && !search.broken(); t += 1s) {
        const double rate = workload.targetAt(t - 500ms);
        const auto requests = static_cast<std::uint64_t>(rate);
        auto step = search.add(second(requests, latencyAt(rate), errorsAt(rate, requests)), t - 3ms);
        events.insert(events.end(), step.begin(), step.end());
    }
    auto end = search.finish();
    events.insert(events.end(), end.begin(), end.end());
    return events;
}

bool has(const std::vector<StressEvent>& events, EventKind kind, const std::string& words) {
    return std::any_of(events.begin(), events.end(), [&](const StressEvent& e) {
        return e.kind == kind && e.message.find(words) != std::string::npos;
    });
}

} // namespace

TEST_CASE("a stress run breaks at the first step whose p95 passes the limit and names the step before") {
    const Workload workload = steps(6);
    BreakingPointSearch search(workload, SloLimits{.p95Ms = 100, .maxErrorRate = 0.01});
    // 10 ms until 300 req/s, then latency climbs steeply: 400 req/s has a p95 of 160 ms.
    const auto events = play(
        search, workload,
        [](double rate) { return rate <= 300 ? 10'000 : static_cast<std::int64_t>((rate - 300) * 1600); },
        [](double, std::uint64_t) { return 0; });
    REQUIRE(search.broken());
    CHECK(search.breakingPoint()->offered == 400);
    CHECK(search.lastSustainable()->offered == 300);
    CHECK(search.steps().size() == 4); // the run stops at the breaking point: 500 and 600 never ran
    CHECK(has(events, EventKind::BreakingPoint, "400 req/s offered: p95 160"));
    CHECK(has(events, EventKind::LastSustainable, "300 req/s offered"));
    CHECK(search.steps()[0].throughputRps == Approx(100));
}

TEST_CASE("a step over the error budget is the breaking point even with fast answers") {
    const Workload workload = steps(3);
    BreakingPointSearch search(workload, SloLimits{.p95Ms = 100, .maxErrorRate = 0.01});
    play(
        search, workload, [](double) { return 5'000; },
        [](double rate, std::uint64_t n) { return rate >= 200 ? n / 20 : 0; }); // 5 % errors from 200 req/s
    REQUIRE(search.breakingPoint());
    CHECK(search.breakingPoint()->offered == 200);
    CHECK(search.breakingPoint()->breach.find("error rate 5 %") != std::string::npos);
}

TEST_CASE("a step that falls short of its offered rate breaks an open-model stress run") {
    const Workload workload = steps(2);
    BreakingPointSearch search(workload, SloLimits{});
    std::vector<StressEvent> events;
    for (Millis t = 1s; t <= workload.totalDuration() && !search.broken(); t += 1s)
        search.add(second(std::min<std::uint64_t>(150, workload.targetAt(t - 500ms)), 1'000), t);
    REQUIRE(search.breakingPoint());
    CHECK(search.breakingPoint()->offered == 200);
    CHECK(search.breakingPoint()->breach.find("short of the offered 200 req/s") != std::string::npos);
}

TEST_CASE("the knee is the step where latency starts to climb faster than load") {
    const Workload workload = steps(6);
    BreakingPointSearch search(workload, SloLimits{.p95Ms = 10'000});
    // Flat near 10 ms up to 300 req/s, then a hockey stick.
    const auto events = play(
        search, workload,
        [](double rate) {
            return static_cast<std::int64_t>(rate <= 300 ? 10'000 + rate * 10 : 13'000 + (rate - 300) * 1000);
        },
        [](double, std::uint64_t) { return 0; });
    CHECK_FALSE(search.broken());
    REQUIRE(search.knee());
    CHECK(search.knee()->offered == 300);
    CHECK(has(events, EventKind::Knee, "300 req/s offered"));
}

TEST_CASE("a latency that never climbs has no knee, and ramps alone make no steps") {
    const Workload flat = steps(4);
    BreakingPointSearch search(flat, SloLimits{.p95Ms = 100});
    play(
        search, flat, [](double) { return 2'000; }, [](double, std::uint64_t) { return 0; });
    CHECK(search.steps().size() == 4);
    CHECK_FALSE(search.knee());

    Workload ramps{.model = WorkloadModel::ArrivalRate, .stages = {{5s, 100}, {5s, 500}}};
    BreakingPointSearch none(ramps, SloLimits{.p95Ms = 100});
    CHECK(play(
              none, ramps, [](double) { return 1'000; }, [](double, std::uint64_t) { return 0; })
              .empty());
}
