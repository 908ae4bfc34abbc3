// Spike tests: the spike found in the stages, and the time the target took to come back to its level.
#include "load/kinds/spike_recovery.h"

#include <catch2/catch.hpp>

using namespace std::chrono_literals;
using perflab::EventKind;
using perflab::IntervalRow;
using perflab::Millis;
using perflab::Workload;
using perflab::WorkloadModel;
using perflab::load::SpikeEvent;
using perflab::load::SpikeRecovery;

namespace {

// 100 req/s for 10 s, a jump to 1000 within 1 s held 5 s, 1 s back down, then 100 req/s for 20 s.
Workload spike() {
    return {.model = WorkloadModel::ArrivalRate,
            .stages = {{10s, 100}, {1s, 1000}, {5s, 1000}, {1s, 100}, {20s, 100}}};
}

IntervalRow row(double p95Ms, std::uint64_t errors = 0) {
    IntervalRow r;
    r.counts.requests = 100;
    r.counts.errors = errors;
    r.latency.p95 = p95Ms;
    return r;
}

} // namespace

TEST_CASE("a spike test times the recovery from the moment the load is back") {
    SpikeRecovery recovery(spike());
    REQUIRE(recovery.hasSpike());
    std::vector<SpikeEvent> events;
    for (int s = 1; s <= 37; ++s) {
        // 5 ms before, slow during the spike, still slow 4 s after it (second 18..21), calm from second 22.
        const double p95 = s <= 10 ? 5 : s <= 21 ? 250 : 5.5;
        auto got = recovery.add(row(p95), Millis(s * 1000));
        events.insert(events.end(), got.begin(), got.end());
    }
    REQUIRE(recovery.recoveryTime());
    CHECK(*recovery.recoveryTime() == 4s); // the load was back at 17 s, calm from 21 s
    REQUIRE(events.size() == 2);
    CHECK(events[0].kind == EventKind::Spike);
    CHECK(events[0].message.find("from 100 to 1000") != std::string::npos);
    CHECK(events[1].kind == EventKind::Recovered);
    CHECK(events[1].message.find("4s after") != std::string::npos);
    CHECK(recovery.finish().empty());
}

TEST_CASE("errors after the spike delay the recovery like slow answers do") {
    SpikeRecovery recovery(spike());
    for (int s = 1; s <= 37; ++s)
        recovery.add(row(5, s > 10 && s <= 25 ? 3 : 0), Millis(s * 1000));
    REQUIRE(recovery.recoveryTime());
    CHECK(*recovery.recoveryTime() == 8s);
}

TEST_CASE("a target that never calms down is reported as not recovered") {
    SpikeRecovery recovery(spike());
    for (int s = 1; s <= 37; ++s)
        recovery.add(row(s <= 10 ? 5 : 80), Millis(s * 1000));
    CHECK_FALSE(recovery.recoveryTime());
    REQUIRE(recovery.finish().size() == 1);
    CHECK(recovery.finish()[0].message == "not recovered by the end of the run");
}

TEST_CASE("stages that never rise above the first one have no spike") {
    const Workload flat{.model = WorkloadModel::VirtualUsers, .stages = {{10s, 50}, {10s, 20}}};
    SpikeRecovery recovery(flat);
    CHECK_FALSE(recovery.hasSpike());
    CHECK(recovery.add(row(5), 5s).empty());
    CHECK(recovery.finish().empty());
}
