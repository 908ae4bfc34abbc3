// Intended send times of an open-model (arrival-rate) workload, following its linear rate ramps exactly.
#pragma once

#include "model/scenario/scenario.h"

#include <chrono>
#include <optional>
#include <vector>

namespace perflab::load {

// Arrivals are where the integral of the rate reaches successive amounts of "work": 1 per arrival for
// uniform spacing, an Exp(1) draw per arrival for Poisson (time rescaling keeps it exact under ramps).
class ArrivalSchedule {
public:
    // share: this worker's fraction of the workload's rate (1/threads).
    ArrivalSchedule(const std::vector<Stage>& stages, double share);

    // Time since the start at which `work` more arrivals' worth of rate has accumulated; nullopt once
    // the last stage has ended before reaching it.
    std::optional<std::chrono::nanoseconds> advance(double work) noexcept;

private:
    struct Segment {
        double start = 0;    // seconds since the start of the run
        double duration = 0; // seconds
        double fromRate = 0; // arrivals per second, already scaled by the share
        double toRate = 0;
    };

    std::vector<Segment> m_segments;
    std::size_t m_segment = 0;
    double m_now = 0; // seconds since the start
};

} // namespace perflab::load
