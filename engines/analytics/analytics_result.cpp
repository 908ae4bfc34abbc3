// Aggregate finishing rules (mean, min/max of nothing, exact percentiles) and response rendering.
#include "engines/analytics/analytics_result.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <limits>

namespace perflab::engines::analytics {

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
}

double exactPercentile(std::vector<double>& values, double percentile) {
    if (values.empty()) {
        return kNaN;
    }
    return nthSmallest(values, percentileIndex(percentile, values.size()));
}

std::size_t percentileIndex(double percentile, std::size_t count) {
    const double rank = std::ceil(percentile / 100.0 * static_cast<double>(count));
    return static_cast<std::size_t>(std::clamp(rank, 1.0, static_cast<double>(count))) - 1;
}

double nthSmallest(std::span<double> values, std::size_t index) {
    // A total order (NaN last) keeps nth_element well-defined when an expression divided by zero.
    const auto less = [](double a, double b) { return a < b || (!std::isnan(a) && std::isnan(b)); };
    const auto nth = values.begin() + static_cast<std::ptrdiff_t>(index);
    std::nth_element(values.begin(), nth, values.end(), less);
    // -0 and +0 rank as equals, so which one lands at `index` depends on the algorithm: report +0.
    return *nth + 0.0;
}

double finishAggregate(const Aggregate& aggregate, std::uint64_t count, double sum, double min, double max,
                       std::vector<double>& samples) {
    switch (aggregate.kind) {
    case AggregateKind::Sum:
        return sum;
    case AggregateKind::Mean:
        return count == 0 ? kNaN : sum / static_cast<double>(count);
    case AggregateKind::Min:
        return count == 0 ? kNaN : min;
    case AggregateKind::Max:
        return count == 0 ? kNaN : max;
    case AggregateKind::Count:
        return static_cast<double>(count);
    case AggregateKind::Percentile:
        return exactPercentile(samples, aggregate.percentile);
    }
    return kNaN;
}

std::string renderResult(const Query& query, const QueryResult& result) {
    nlohmann::ordered_json groups = nlohmann::ordered_json::array();
    for (const GroupResult& group : result.groups) {
        nlohmann::ordered_json entry = nlohmann::ordered_json::object();
        if (query.groupBy) {
            entry["key"] = group.key;
        }
        for (std::size_t i = 0; i < query.aggregates.size(); ++i) {
            const Aggregate& aggregate = query.aggregates[i];
            if (aggregate.kind == AggregateKind::Count) {
                entry[aggregate.label] = static_cast<std::uint64_t>(group.values[i]);
            } else {
                entry[aggregate.label] = group.values[i]; // NaN and infinities dump as null
            }
        }
        groups.push_back(std::move(entry));
    }
    nlohmann::ordered_json response = nlohmann::ordered_json::object();
    response["groups"] = std::move(groups);
    response["rows_scanned"] = result.rowsScanned;
    response["rows_matched"] = result.rowsMatched;
    return response.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

std::string renderError(std::string_view message) {
    // Messages quote request text, which may hold a partial UTF-8 sequence: replace rather than throw.
    return nlohmann::json{{"error", message}}.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

} // namespace perflab::engines::analytics
