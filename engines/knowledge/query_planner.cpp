// Cost-based join ordering by dynamic programming, and join method choice.
#include "engines/knowledge/query_planner.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace perflab::engines::knowledge {

namespace {

bool isBoundVariable(const PatternSlot& slot, const std::vector<bool>& bound) {
    return slot.isVariable && bound[slot.value];
}

bool isConnected(const EncodedPattern& pattern, const std::vector<bool>& bound) {
    for (const PatternSlot& slot : pattern.slots) {
        if (isBoundVariable(slot, bound)) {
            return true;
        }
    }
    return false;
}

} // namespace

QueryPlanner::QueryPlanner(const TripleIndex& index, const CardinalityStats& stats)
    : m_index(index)
    , m_stats(stats) {}

// 1 / the number of distinct values at `position` among the facts the pattern's predicate allows.
double QueryPlanner::selectivity(const EncodedPattern& pattern, std::size_t position) const {
    if (position == 1) {
        return 1.0 / static_cast<double>(std::max<std::size_t>(m_stats.distinctPredicates(), 1));
    }
    const PatternSlot& predicate = pattern.slots[1];
    const TermCounts& counts =
        predicate.isVariable ? m_stats.overall() : m_stats.forPredicate(predicate.value);
    const std::size_t distinct = position == 0 ? counts.distinctSubjects : counts.distinctObjects;
    return 1.0 / static_cast<double>(std::max<std::size_t>(distinct, 1));
}

double QueryPlanner::constantRange(const EncodedPattern& pattern) const {
    std::array<bool, 3> known{};
    std::array<TermId, 3> values{};
    for (std::size_t position = 0; position < 3; ++position) {
        known[position] = !pattern.slots[position].isVariable;
        values[position] = pattern.slots[position].value;
    }
    return static_cast<double>(m_index.lookup(known, values).size()); // exact, by binary search
}

QueryPlanner::Estimate QueryPlanner::estimate(const EncodedPattern& pattern, double constantRange,
                                              const std::vector<bool>& bound) const {
    Estimate result{.constantRange = constantRange, .perRow = constantRange};
    for (std::size_t position = 0; position < 3; ++position) {
        if (isBoundVariable(pattern.slots[position], bound)) {
            result.perRow *= selectivity(pattern, position);
        }
    }
    return result;
}

QueryPlanner::Candidate QueryPlanner::stepFor(std::size_t pattern, const Estimate& estimate,
                                              const EncodedQuery& query, const std::vector<bool>& bound,
                                              double rows) const {
    std::array<bool, 3> constants{};
    std::array<bool, 3> known{};
    for (std::size_t position = 0; position < 3; ++position) {
        const PatternSlot& slot = query.patterns[pattern].slots[position];
        constants[position] = !slot.isVariable;
        known[position] = constants[position] || isBoundVariable(slot, bound);
    }
    // A lookup costs a binary search per partial answer; a hash join reads the constants' range once,
    // builds its table on the smaller side and probes it in constant time. Every partial answer made
    // costs one more unit, as it is written and read again by the next step.
    const double lookupCost = rows * std::log2(static_cast<double>(m_stats.overall().facts) + 2);
    const double hashCost = estimate.constantRange + rows + std::min(estimate.constantRange, rows);
    const bool hash = isConnected(query.patterns[pattern], bound) && hashCost < lookupCost;
    const double made = rows * estimate.perRow;
    return {{pattern, hash ? JoinMethod::HashJoin : JoinMethod::IndexLookup,
             chooseIndex(hash ? constants : known), made},
            (hash ? hashCost : lookupCost) + made};
}

std::vector<bool> QueryPlanner::boundBy(const EncodedQuery& query, std::size_t patterns) {
    std::vector<bool> bound(query.variableCount, false);
    for (std::size_t i = 0; i < query.patterns.size(); ++i) {
        if ((patterns >> i) & 1U) {
            for (const PatternSlot& slot : query.patterns[i].slots) {
                if (slot.isVariable) {
                    bound[slot.value] = true;
                }
            }
        }
    }
    return bound;
}

// Dynamic programming over the sets of patterns joined so far (at most 2^8): the cheapest way to reach
// each set, extended by one pattern at a time, connected patterns before cross products.
QueryPlan QueryPlanner::plan(const EncodedQuery& query) const {
    const std::size_t count = query.patterns.size();
    std::vector<double> ranges;
    for (const EncodedPattern& pattern : query.patterns) {
        ranges.push_back(constantRange(pattern));
    }
    struct Best {
        double cost = std::numeric_limits<double>::infinity();
        double rows = 1;
        std::size_t previous = 0;
        PlanStep step;
    };
    std::vector<Best> best(std::size_t{1} << count);
    best[0].cost = 0;
    for (std::size_t done = 0; done + 1 < best.size(); ++done) { // every subset before its supersets
        if (best[done].cost == std::numeric_limits<double>::infinity()) {
            continue;
        }
        const std::vector<bool> bound = boundBy(query, done);
        bool anyConnected = false;
        for (std::size_t i = 0; i < count; ++i) {
            anyConnected |= !((done >> i) & 1U) && isConnected(query.patterns[i], bound);
        }
        for (std::size_t i = 0; i < count; ++i) {
            if (((done >> i) & 1U) || (anyConnected && !isConnected(query.patterns[i], bound))) {
                continue;
            }
            const Estimate estimated = estimate(query.patterns[i], ranges[i], bound);
            const Candidate candidate = stepFor(i, estimated, query, bound, best[done].rows);
            Best& next = best[done | (std::size_t{1} << i)];
            if (best[done].cost + candidate.cost < next.cost) {
                next = {best[done].cost + candidate.cost, candidate.step.estimatedRows, done, candidate.step};
            }
        }
    }
    QueryPlan plan;
    for (std::size_t at = best.size() - 1; at != 0; at = best[at].previous) {
        plan.steps.push_back(best[at].step);
    }
    std::reverse(plan.steps.begin(), plan.steps.end());
    return plan;
}

} // namespace perflab::engines::knowledge
