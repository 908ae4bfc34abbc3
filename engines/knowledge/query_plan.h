// A join plan: the order to take the patterns in, how each joins the partial answers so far (index
// lookups per answer, or one hash join), and how many partial answers the planner expects after it.
#pragma once

#include "engines/knowledge/pattern_query.h"
#include "engines/knowledge/triple_index.h"

#include <string>
#include <vector>

namespace perflab::engines::knowledge {

enum class JoinMethod {
    IndexLookup, // per partial answer, a range lookup keyed by the constants and the bound variables
    HashJoin,    // one range lookup by the constants, hashed on the bound variables, probed per answer
};

struct PlanStep {
    std::size_t pattern = 0; // index into the request's "where"
    JoinMethod method = JoinMethod::IndexLookup;
    IndexChoice index; // the permutation looked up (for a hash join: the one scanned for its build side)
    double estimatedRows = 0; // partial answers after this step
};

struct QueryPlan {
    std::vector<PlanStep> steps;
    // One line per step, e.g. "where[2] lookup POS(2) ~70 rows".
    std::string describe() const;
};

} // namespace perflab::engines::knowledge
