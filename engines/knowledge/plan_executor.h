// Runs a query plan breadth-first over the triple index: every step turns all partial answers into
// the next ones, by index lookups or one hash join.
#pragma once

#include "engines/knowledge/encoded_query.h"
#include "engines/knowledge/query_plan.h"

#include <vector>

namespace perflab::engines::knowledge {

// Bounds the memory one request may take: partial answers are materialized step by step.
inline constexpr std::size_t kMaxPartialAnswers = 2'000'000;
// What both variants answer (status 400) when a request goes past kMaxPartialAnswers.
RequestError tooBroadError();

// The selected columns of every solution, query.select.size() ids per row (as renderAnswer takes them).
// Throws RequestError when a step would hold more than kMaxPartialAnswers partial answers.
std::vector<TermId> executePlan(const QueryPlan& plan, const PatternQuery& query, const EncodedQuery& encoded,
                                const TripleIndex& index);

} // namespace perflab::engines::knowledge
