// Tests of model/results/latency_basis.h: what the summary and report say a run's latency is measured from.
#include "model/results/latency_basis.h"

#include <catch2/catch.hpp>

using namespace perflab;
using namespace std::chrono_literals;

TEST_CASE("unpaced virtual users are said to measure service time, paced ones and the open model queueing") {
    Workload closed;
    closed.model = WorkloadModel::VirtualUsers;
    CHECK_THAT(latencyBasis(closed), Catch::Contains("latency here is service time by design"));
    closed.thinkTime = 100ms;
    CHECK_THAT(latencyBasis(closed), Catch::Contains("service time by design"));

    Workload paced = closed;
    paced.thinkTime = 0ms;
    paced.pacing = 100ms;
    CHECK_THAT(latencyBasis(paced), Catch::Contains("scheduled send") && Catch::Contains("cannot hide"));

    Workload open;
    open.model = WorkloadModel::ArrivalRate;
    CHECK_THAT(latencyBasis(open), Catch::Contains("intended send time") && Catch::Contains("cannot hide"));
}
