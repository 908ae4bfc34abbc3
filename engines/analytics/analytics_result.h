// What both analytics variants compute, and the one place that turns it into the response JSON.
#pragma once

#include "engines/analytics/analytics_query.h"

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace perflab::engines::analytics {

struct GroupResult {
    std::int64_t key = 0;       // the group_by value; unused without group_by
    std::vector<double> values; // one per aggregate, in request order; NaN renders as null
};

struct QueryResult {
    std::vector<GroupResult> groups; // ascending key
    std::uint64_t rowsScanned = 0;
    std::uint64_t rowsMatched = 0;
};

// Exact nearest-rank percentile (the smallest value with at least p % of values at or below it),
// found with nth_element; reorders `values`. NaN when empty; NaNs rank above every number.
double exactPercentile(std::vector<double>& values, double percentile);
// The 0-based rank of that value among `count` values (count > 0).
std::size_t percentileIndex(double percentile, std::size_t count);
// The value at 0-based `index` in ascending order with NaNs last; reorders `values` (index < size).
double nthSmallest(std::span<double> values, std::size_t index);

// Finishes one aggregate of one group from its running figures (both variants share the rules).
double finishAggregate(const Aggregate& aggregate, std::uint64_t count, double sum, double min, double max,
                       std::vector<double>& samples);

std::string renderResult(const Query& query, const QueryResult& result);
std::string renderError(std::string_view message);

} // namespace perflab::engines::analytics
