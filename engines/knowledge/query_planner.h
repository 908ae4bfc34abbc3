// The optimized variant's cost-based planner: exact range sizes for each pattern's constants, the
// cardinality statistics for its join variables, the join order of least estimated cost over all orders
// (connected patterns before cross products) and, per step, index lookups or a hash join, whichever is
// estimated cheaper.
#pragma once

#include "engines/knowledge/cardinality_stats.h"
#include "engines/knowledge/encoded_query.h"
#include "engines/knowledge/query_plan.h"

namespace perflab::engines::knowledge {

class QueryPlanner {
public:
    QueryPlanner(const TripleIndex& index, const CardinalityStats& stats);
    QueryPlan plan(const EncodedQuery& query) const;

private:
    struct Estimate {
        double constantRange = 0; // facts matching the pattern's constants alone
        double perRow = 0;        // facts expected to match one partial answer's bindings too
    };
    struct Candidate {
        PlanStep step;
        double cost = 0; // in binary-search steps, the unit of the other costs
    };
    double constantRange(const EncodedPattern& pattern) const;
    Estimate estimate(const EncodedPattern& pattern, double constantRange,
                      const std::vector<bool>& bound) const;
    double selectivity(const EncodedPattern& pattern, std::size_t position) const;
    Candidate stepFor(std::size_t pattern, const Estimate& estimate, const EncodedQuery& query,
                      const std::vector<bool>& bound, double rows) const;
    // The variables the patterns in the set `patterns` (bit i: pattern i) bind.
    static std::vector<bool> boundBy(const EncodedQuery& query, std::size_t patterns);

    const TripleIndex& m_index;
    const CardinalityStats& m_stats;
};

} // namespace perflab::engines::knowledge
