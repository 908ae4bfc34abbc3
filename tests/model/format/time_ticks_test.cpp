// Time-axis ticks and the visible window's zoom and pan: what the endurance view's axis shows and where a
// wheel notch or a drag takes it.
#include <catch2/catch.hpp>

#include "model/format/time_ticks.h"

#include <stdexcept>

using namespace perflab;

namespace {
constexpr std::int64_t kStart = 1'700'000'000'000, kMinute = 60'000, kHour = 60 * kMinute;
}

TEST_CASE("a 72-hour span is labelled in round hours of elapsed time") {
    const TimeAxis axis = elapsedTimeAxis(kStart, kStart, kStart + 72 * kHour, 13);
    CHECK(axis.title == "elapsed (h)");
    REQUIRE(axis.ticks.size() == 13);
    CHECK(axis.ticks.front().label == "0 h");
    CHECK(axis.ticks[1].label == "6 h");
    CHECK(axis.ticks[1].ms == kStart + 6 * kHour);
    CHECK(axis.ticks.back().label == "72 h");
}

TEST_CASE("a few hours late in a run are labelled h:mm and a few minutes mm:ss") {
    const TimeAxis hours =
        elapsedTimeAxis(kStart, kStart + 30 * kHour + 7 * kMinute, kStart + 33 * kHour, 12);
    CHECK(hours.title == "elapsed (h:mm)");
    REQUIRE(!hours.ticks.empty());
    CHECK(hours.ticks.front().label == "30:15");
    const TimeAxis minutes = elapsedTimeAxis(kStart, kStart + 90'000, kStart + 7 * kMinute, 10);
    CHECK(minutes.title == "elapsed (mm:ss)");
    CHECK(minutes.ticks.front().label == "02:00");
    CHECK(minutes.ticks.size() <= 10);
    CHECK_THROWS_AS(elapsedTimeAxis(kStart, kStart, kStart, 5), std::invalid_argument);
}

TEST_CASE("spans read as days and hours, hours and minutes, or minutes and seconds") {
    CHECK(formatSpan(72 * kHour) == "3 d 00 h");
    CHECK(formatSpan(5 * kHour + 20 * kMinute) == "5 h 20 min");
    CHECK(formatSpan(12 * kMinute + 5000) == "12 min 05 s");
    CHECK(formatSpan(40'000) == "40 s");
}

TEST_CASE("zooming keeps the anchor's place on screen and stops at the run and at the narrowest span") {
    const TimeWindow run{kStart, kStart + 72 * kHour};
    const std::int64_t anchor = kStart + 18 * kHour; // a quarter of the way
    const TimeWindow in = run.zoomed(anchor, 0.5, run, kMinute);
    CHECK(in.span() == 36 * kHour);
    CHECK(in.fromMs == anchor - 9 * kHour); // still a quarter of the way
    CHECK(in.zoomed(anchor, 100, run, kMinute) == run);
    CHECK(in.zoomed(anchor, 1e-9, run, kMinute).span() == kMinute);
}

TEST_CASE("panning moves the window and stops at the run's edges") {
    const TimeWindow run{kStart, kStart + 72 * kHour};
    const TimeWindow window{kStart + 10 * kHour, kStart + 20 * kHour};
    CHECK(window.panned(kHour, run) == TimeWindow{kStart + 11 * kHour, kStart + 21 * kHour});
    CHECK(window.panned(-100 * kHour, run) == TimeWindow{kStart, kStart + 10 * kHour});
    CHECK(window.panned(100 * kHour, run) == TimeWindow{kStart + 62 * kHour, kStart + 72 * kHour});
}
