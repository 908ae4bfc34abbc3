// Greedy cost-based join ordering and join method choice.
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

QueryPlanner::Estimate QueryPlanner::estimate(const EncodedPattern& pattern,
                                              const std::vector<bool>& bound) const {
    std::array<bool, 3> known{};
    std::array<TermId, 3> values{};
    for (std::size_t position = 0; position < 3; ++position) {
        known[position] = !pattern.slots[position].isVariable;
        values[position] = pattern.slots[position].value;
    }
    Estimate result;
    result.constantRange =
        static_cast<double>(m_index.lookup(known, values).size()); // exact, by binary search
    result.perRow = result.constantRange;
    for (std::size_t position = 0; position < 3; ++position) {
        if (isBoundVariable(pattern.slots[position], bound)) {
            result.perRow *= selectivity(pattern, position);
        }
    }
    return result;
}

PlanStep QueryPlanner::stepFor(std::size_t pattern, const Estimate& estimate, const EncodedQuery& query,
                               const std::vector<bool>& bound, double rows) const {
    std::array<bool, 3> constants{};
    std::array<bool, 3> known{};
    for (std::size_t position = 0; position < 3; ++position) {
        const PatternSlot& slot = query.patterns[pattern].slots[position];
        constants[position] = !slot.isVariable;
        known[position] = constants[position] || isBoundVariable(slot, bound);
    }
    // A lookup costs a binary search per partial answer; a hash join reads the constants' range once,
    // builds its table on the smaller side and probes it in constant time.
    const double lookupCost = rows * std::log2(static_cast<double>(m_stats.overall().facts) + 2);
    const double hashCost = estimate.constantRange + rows + std::min(estimate.constantRange, rows); // + build
    const bool hash = isConnected(query.patterns[pattern], bound) && hashCost < lookupCost;
    return {pattern, hash ? JoinMethod::HashJoin : JoinMethod::IndexLookup,
            chooseIndex(hash ? constants : known), rows * estimate.perRow};
}

QueryPlan QueryPlanner::plan(const EncodedQuery& query) const {
    QueryPlan plan;
    std::vector<bool> bound(query.variableCount, false);
    std::vector<bool> done(query.patterns.size(), false);
    double rows = 1;
    for (std::size_t step = 0; step < query.patterns.size(); ++step) {
        std::size_t best = query.patterns.size();
        bool bestConnected = false;
        Estimate bestEstimate;
        for (std::size_t i = 0; i < query.patterns.size(); ++i) {
            if (done[i]) {
                continue;
            }
            const bool connected = isConnected(query.patterns[i], bound);
            const Estimate candidate = estimate(query.patterns[i], bound);
            // Connected patterns first: a cross product multiplies the partial answers.
            const bool better = best == query.patterns.size() || (connected && !bestConnected) ||
                                (connected == bestConnected && candidate.perRow < bestEstimate.perRow);
            if (better) {
                best = i;
                bestConnected = connected;
                bestEstimate = candidate;
            }
        }
        plan.steps.push_back(stepFor(best, bestEstimate, query, bound, rows));
        rows = plan.steps.back().estimatedRows;
        done[best] = true;
        for (const PatternSlot& slot : query.patterns[best].slots) {
            if (slot.isVariable) {
                bound[slot.value] = true;
            }
        }
    }
    return plan;
}

} // namespace perflab::engines::knowledge
