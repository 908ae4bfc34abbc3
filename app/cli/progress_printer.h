// The CLI's view of a run: one progress line per second on stderr, a summary table at the end.
#pragma once

#include "app/run/run_controller.h"

#include <ostream>

namespace perflab::cli {

class ProgressPrinter : public RunObserver {
public:
    explicit ProgressPrinter(std::ostream& out)
        : m_out(out) {}
    void runStarted(std::int64_t runId, const Scenario& scenario) override;
    void intervalCompleted(const Interval& interval, const IntervalRow& row, Millis elapsed,
                           Millis planned) override;

private:
    std::ostream& m_out;
    const char* m_usersLabel = "VUs";
};

void printSummary(std::ostream& out, const Summary& summary);

} // namespace perflab::cli
