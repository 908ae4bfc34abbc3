// Runs a query plan breadth-first over the triple index: every step turns all partial answers into
// the next ones, by index lookups or one hash join.
#pragma once

#include "engines/knowledge/encoded_query.h"
#include "engines/knowledge/query_plan.h"

#include <vector>

namespace perflab::engines::knowledge {

// The selected columns of every solution, query.select.size() ids per row (as renderAnswer takes them).
std::vector<TermId> executePlan(const QueryPlan& plan, const PatternQuery& query, const EncodedQuery& encoded,
                                const TripleIndex& index);

} // namespace perflab::engines::knowledge
