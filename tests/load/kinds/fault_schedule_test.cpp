// Tests of load/kinds/fault_schedule.h: faults start and end on the run's clock, overlapping ones combine,
// and the upstream is healthy again once the run is over.
#include "load/kinds/fault_schedule.h"

#include <catch2/catch.hpp>

using namespace perflab;
using namespace std::chrono_literals;
using engines::FaultSettings;
using engines::UpstreamFaults;
using load::FaultSchedule;

TEST_CASE("a fault is applied from its start to its end and each change is reported once") {
    UpstreamFaults upstream;
    FaultSchedule schedule({{.at = 20s, .duration = 20s, .kind = FaultKind::UpstreamOutage}}, upstream);
    CHECK(schedule.advanceTo(19'999ms).empty());
    CHECK_FALSE(upstream.current().outage);
    CHECK(schedule.advanceTo(20s) == std::vector<std::string>{"started: upstream-outage for 20s"});
    CHECK(upstream.current().outage);
    CHECK(schedule.advanceTo(30s).empty());
    CHECK(schedule.advanceTo(40s) == std::vector<std::string>{"ended: upstream-outage for 20s"});
    CHECK(upstream.current() == FaultSettings{});
}

TEST_CASE("overlapping faults combine: latencies add, rates take the highest") {
    UpstreamFaults upstream;
    FaultSchedule schedule({{.at = 0s, .duration = 10s, .kind = FaultKind::UpstreamLatency, .value = 100},
                            {.at = 5s, .duration = 10s, .kind = FaultKind::UpstreamLatency, .value = 50},
                            {.at = 5s, .duration = 2s, .kind = FaultKind::UpstreamErrors, .value = 0.25},
                            {.at = 6s, .duration = 2s, .kind = FaultKind::UpstreamErrors, .value = 0.125},
                            {.at = 6s, .duration = 1s, .kind = FaultKind::UpstreamResets, .value = 0.5}},
                           upstream);
    CHECK(schedule.advanceTo(0s) == std::vector<std::string>{"started: upstream-latency +100 ms for 10s"});
    CHECK(schedule.advanceTo(6500ms).size() == 4);
    CHECK(upstream.current() == FaultSettings{.addedLatency = 150ms, .errorRate = 0.25, .resetRate = 0.5});
    schedule.advanceTo(7500ms);
    CHECK(upstream.current() == FaultSettings{.addedLatency = 150ms, .errorRate = 0.125});
    schedule.advanceTo(12s);
    CHECK(upstream.current() == FaultSettings{.addedLatency = 50ms});
}

TEST_CASE("a fault shorter than the gap between two updates is still applied once") {
    UpstreamFaults upstream;
    FaultSchedule schedule({{.at = 1s, .duration = 100ms, .kind = FaultKind::UpstreamErrors, .value = 1}},
                           upstream);
    CHECK(schedule.advanceTo(0s).empty());
    CHECK(schedule.advanceTo(2s) ==
          std::vector<std::string>{"started: upstream-errors 100% of calls for 100ms"});
    CHECK(upstream.current().errorRate == 1);
    CHECK(schedule.advanceTo(3s) ==
          std::vector<std::string>{"ended: upstream-errors 100% of calls for 100ms"});
    CHECK(upstream.current().errorRate == 0);
}

TEST_CASE("a run that ends during a fault ends the fault and leaves the upstream healthy") {
    UpstreamFaults upstream;
    {
        FaultSchedule schedule(
            {{.at = 50s, .duration = 20s, .kind = FaultKind::UpstreamResets, .value = 0.1}}, upstream);
        schedule.advanceTo(55s);
        CHECK(upstream.current().resetRate == Approx(0.1));
        CHECK(schedule.finish() ==
              std::vector<std::string>{"ended: upstream-resets 10% of calls for 20s (the run ended first)"});
        CHECK(upstream.current() == FaultSettings{});
        schedule.advanceTo(56s);
    }
    CHECK(upstream.current() == FaultSettings{}); // stopped early: nothing outlives the schedule
}
