// A figure a hosted engine keeps about its own work (a cache's hit rate, a hit's latency), reported with the
// run that measured it: in the summary, the CLI's output and a run event.
#pragma once

#include <string>
#include <vector>

namespace perflab {

struct EngineFigure {
    std::string name; // e.g. "result cache hit rate"
    double value = 0;
    std::string unit; // "ratio", "ms", "count"...
    bool operator==(const EngineFigure&) const = default;
};

// "result cache hit rate 0.634; hit latency mean 0.004 ms": the figures on one line, for an event.
std::string describeEngineFigures(const std::vector<EngineFigure>& figures);

} // namespace perflab
