// An engine's figures as one line of text.
#include "model/results/engine_figure.h"

#include <cstdio>

namespace perflab {

std::string describeEngineFigures(const std::vector<EngineFigure>& figures) {
    std::string line;
    for (const EngineFigure& figure : figures) {
        char value[32];
        if (figure.unit == "count")
            std::snprintf(value, sizeof value, "%.0f", figure.value);
        else
            std::snprintf(value, sizeof value, "%.4g", figure.value);
        line += (line.empty() ? "" : "; ") + figure.name + " " + value;
        if (figure.unit != "ratio" && figure.unit != "count" && !figure.unit.empty())
            line += " " + figure.unit;
    }
    return line;
}

} // namespace perflab
