// A scenario's faults on the run's own clock: which are active at each moment, applied to the upstream as
// one combined setting, and a message for every fault that starts or ends.
#pragma once

#include "engines/upstream_faults.h"
#include "model/scenario/scenario.h"

#include <string>
#include <vector>

namespace perflab::load {

// Overlapping faults combine: an outage wins, added latencies add up, error and reset rates take the highest.
class FaultSchedule {
public:
    FaultSchedule(std::vector<Fault> faults, engines::UpstreamFaults& upstream);
    ~FaultSchedule(); // leaves the upstream healthy, so no fault outlives its run
    FaultSchedule(const FaultSchedule&) = delete;
    FaultSchedule& operator=(const FaultSchedule&) = delete;

    // Applies what is active at `elapsed` (run time since the start, time scale included); returns a message
    // per fault that started or ended since the last call, in schedule order.
    std::vector<std::string> advanceTo(Millis elapsed);
    // Ends the faults still active (the run is over) and returns their messages.
    std::vector<std::string> finish();

private:
    std::vector<std::string> applyActive(const std::vector<bool>& active, const std::string& endNote);

    std::vector<Fault> m_faults;
    std::vector<bool> m_active;
    std::vector<bool> m_started;
    engines::UpstreamFaults& m_upstream;
};

// "upstream-latency +200 ms for 10s": what a fault does, for events and messages.
std::string describeFault(const Fault& fault);

} // namespace perflab::load
