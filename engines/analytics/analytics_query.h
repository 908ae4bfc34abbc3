// An analytics request, parsed and validated: group-by column, aggregates, optional filter.
#pragma once

#include "engines/analytics/analytics_expression.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace perflab::engines::analytics {

enum class AggregateKind : std::uint8_t { Sum, Mean, Min, Max, Count, Percentile };

struct Aggregate {
    std::string label; // as written in the request; the response key
    AggregateKind kind = AggregateKind::Count;
    double percentile = 0; // Percentile: in (0, 100]
    NodePtr argument;      // null for count()
};

struct Query {
    std::optional<Column> groupBy; // integer columns only
    std::vector<Aggregate> aggregates;
    NodePtr filter; // null: every row matches
};

// Throws RequestError naming the key, column or position at fault.
Query parseQuery(std::string_view requestJson);
Aggregate parseAggregate(std::string_view text);

} // namespace perflab::engines::analytics
