// The plan as text, for people reading a plan and for tests asserting on it.
#include "engines/knowledge/query_plan.h"

#include <cmath>

namespace perflab::engines::knowledge {

std::string QueryPlan::describe() const {
    std::string text;
    for (const PlanStep& step : steps) {
        text += "where[" + std::to_string(step.pattern) + "] " +
                (step.method == JoinMethod::HashJoin ? "hash join " : "lookup ") +
                std::string(toString(step.index.order)) + "(" + std::to_string(step.index.prefixLength) +
                ") ~" + std::to_string(std::llround(step.estimatedRows)) + " rows\n";
    }
    return text;
}

} // namespace perflab::engines::knowledge
