// Tests of load/arrival_schedule.h: how many arrivals a rate profile yields, and when.
#include "load/arrival_schedule.h"

#include <catch2/catch.hpp>

#include <random>

using namespace std::chrono_literals;
using perflab::Stage;
using perflab::load::ArrivalSchedule;

namespace {

std::vector<std::chrono::nanoseconds> uniformArrivals(const std::vector<Stage>& stages, double share,
                                                      double phase) {
    ArrivalSchedule schedule(stages, share);
    std::vector<std::chrono::nanoseconds> times;
    while (const auto at = schedule.advance(times.empty() ? phase : 1.0))
        times.push_back(*at);
    return times;
}

} // namespace

TEST_CASE("a constant 200 per second for one second yields 200 evenly spaced arrivals") {
    const auto times = uniformArrivals({{0ms, 200}, {1000ms, 200}}, 1.0, 0.5);
    REQUIRE(times.size() == 200);
    CHECK(times.front() == 2500us);
    CHECK(times.back() == 997500us);
    CHECK(times[1] - times[0] == 5ms);
}

TEST_CASE("two workers with half the rate each interleave into the whole stream") {
    const std::vector<Stage> stages{{0ms, 100}, {1000ms, 100}};
    const auto first = uniformArrivals(stages, 0.5, 0.25);
    const auto second = uniformArrivals(stages, 0.5, 0.75);
    REQUIRE(first.size() == 50);
    REQUIRE(second.size() == 50);
    CHECK(first[0] == 5ms);
    CHECK(second[0] == 15ms);
    CHECK(first[1] == 25ms);
}

TEST_CASE("a linear ramp from 0 to 100 per second over two seconds yields 100 arrivals, denser at the end") {
    const auto times = uniformArrivals({{2000ms, 100}}, 1.0, 0.5);
    REQUIRE(times.size() == 100);
    // Cumulative arrivals are 25 t^2 on the ramp, so the first one (half an arrival) comes at sqrt(0.02) s.
    CHECK(std::abs(std::chrono::duration<double>(times.front()).count() - 0.141421) < 1e-5);
    CHECK(times[99] - times[98] < times[1] - times[0]);
}

TEST_CASE("ramping down to zero ends the arrivals and later stages continue after a pause at zero") {
    const auto times = uniformArrivals({{0ms, 10}, {1000ms, 0}, {1000ms, 0}, {1000ms, 10}}, 1.0, 0.5);
    REQUIRE(times.size() == 10); // 5 on the way down, none at zero, 5 on the way up
    CHECK(times[4] < 1s);
    CHECK(times[5] > 2s);
}

TEST_CASE("Poisson arrivals average the rate") {
    ArrivalSchedule schedule({{0ms, 1000}, {10'000ms, 1000}}, 1.0);
    std::mt19937_64 rng(7);
    std::exponential_distribution<double> exp(1.0);
    std::size_t count = 0;
    while (schedule.advance(exp(rng)))
        ++count;
    CHECK(count > 9700); // 10,000 expected; sd 100
    CHECK(count < 10300);
}
