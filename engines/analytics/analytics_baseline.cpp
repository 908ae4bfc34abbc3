// Baseline analytics: what a competent engineer writes without a column store, compiled kernels or a plan
// cache. Rows stay structs; each request is parsed, then its expression trees are walked row by row over
// columns resolved at parse time, and groups live in a hash map. The optimized variant must match its
// answers.
#include "engines/analytics/analytics_baseline.h"

#include "collectors/zones/zone.h"
#include "engines/analytics/analytics_request_mix.h"
#include "engines/analytics/analytics_result.h"

#include <algorithm>
#include <limits>
#include <unordered_map>

namespace perflab::engines::analytics {

namespace {

double columnValue(const SalesRow& row, Column column) noexcept {
    switch (column) {
    case Column::Region:
        return row.region;
    case Column::Product:
        return row.product;
    case Column::Channel:
        return row.channel;
    case Column::Price:
        return row.price;
    case Column::Quantity:
        return row.quantity;
    case Column::Discount:
        return row.discount;
    }
    return 0;
}

double evaluate(const Node& node, const SalesRow& row) {
    switch (node.kind) {
    case NodeKind::Number:
        return node.number;
    case NodeKind::Column:
        return columnValue(row, node.column);
    case NodeKind::Negate:
        return -evaluate(*node.lhs, row);
    case NodeKind::Add:
        return evaluate(*node.lhs, row) + evaluate(*node.rhs, row);
    case NodeKind::Subtract:
        return evaluate(*node.lhs, row) - evaluate(*node.rhs, row);
    case NodeKind::Multiply:
        return evaluate(*node.lhs, row) * evaluate(*node.rhs, row);
    case NodeKind::Divide:
        return evaluate(*node.lhs, row) / evaluate(*node.rhs, row);
    default:
        throw std::logic_error("a condition was evaluated as a number");
    }
}

bool holds(const Node& node, const SalesRow& row) {
    switch (node.kind) {
    case NodeKind::And:
        return holds(*node.lhs, row) && holds(*node.rhs, row);
    case NodeKind::Or:
        return holds(*node.lhs, row) || holds(*node.rhs, row);
    case NodeKind::Less:
        return evaluate(*node.lhs, row) < evaluate(*node.rhs, row);
    case NodeKind::LessEqual:
        return evaluate(*node.lhs, row) <= evaluate(*node.rhs, row);
    case NodeKind::Greater:
        return evaluate(*node.lhs, row) > evaluate(*node.rhs, row);
    case NodeKind::GreaterEqual:
        return evaluate(*node.lhs, row) >= evaluate(*node.rhs, row);
    case NodeKind::Equal:
        return evaluate(*node.lhs, row) == evaluate(*node.rhs, row);
    case NodeKind::NotEqual:
        return evaluate(*node.lhs, row) != evaluate(*node.rhs, row);
    default:
        throw std::logic_error("a number was evaluated as a condition");
    }
}

struct AggregateState {
    double sum = 0;
    double min = std::numeric_limits<double>::infinity();
    double max = -std::numeric_limits<double>::infinity();
    std::vector<double> samples;
};

struct GroupState {
    std::uint64_t count = 0;
    std::vector<AggregateState> aggregates;
};

void accumulate(const Query& query, const SalesRow& row, GroupState& group) {
    ++group.count;
    for (std::size_t i = 0; i < query.aggregates.size(); ++i) {
        const Aggregate& aggregate = query.aggregates[i];
        if (!aggregate.argument) {
            continue;
        }
        const double value = evaluate(*aggregate.argument, row);
        AggregateState& state = group.aggregates[i];
        state.sum += value;
        state.min = value < state.min ? value : state.min;
        state.max = value > state.max ? value : state.max;
        if (aggregate.kind == AggregateKind::Percentile) {
            state.samples.push_back(value);
        }
    }
}

using Groups = std::unordered_map<std::int64_t, GroupState>;

QueryResult finish(const Query& query, Groups& groups) {
    PERFLAB_ZONE("analytics.aggregate");
    std::vector<Groups::value_type*> ordered; // the response lists groups by ascending key
    ordered.reserve(groups.size());
    for (auto& entry : groups) {
        ordered.push_back(&entry);
    }
    std::sort(ordered.begin(), ordered.end(),
              [](const auto* a, const auto* b) { return a->first < b->first; });
    QueryResult result;
    for (auto* entry : ordered) {
        auto& [key, group] = *entry;
        GroupResult out;
        out.key = key;
        for (std::size_t i = 0; i < query.aggregates.size(); ++i) {
            AggregateState& state = group.aggregates[i];
            out.values.push_back(finishAggregate(query.aggregates[i], group.count, state.sum, state.min,
                                                 state.max, state.samples));
        }
        result.groups.push_back(std::move(out));
    }
    return result;
}

} // namespace

AnalyticsBaseline::AnalyticsBaseline(const EngineOptions& options)
    : m_rows(generateRows(options.rows, options.seed)) {}

AnalyticsBaseline::AnalyticsBaseline(std::vector<SalesRow> rows)
    : m_rows(std::move(rows)) {}

Response AnalyticsBaseline::execute(std::string_view request) {
    PERFLAB_ZONE("analytics.baseline");
    Query query;
    try {
        PERFLAB_ZONE("analytics.parse");
        query = parseQuery(request);
    } catch (const RequestError& error) {
        return {400, renderError(error.what())};
    }
    Groups groups;
    const GroupState empty{0, std::vector<AggregateState>(query.aggregates.size())};
    if (!query.groupBy) {
        groups.emplace(0, empty); // without group_by there is always exactly one group
    }
    std::uint64_t matched = 0;
    {
        PERFLAB_ZONE("analytics.scan"); // filter, group and accumulate, row by row
        for (const SalesRow& row : m_rows) {
            if (query.filter && !holds(*query.filter, row)) {
                continue;
            }
            ++matched;
            const auto key = query.groupBy ? static_cast<std::int64_t>(columnValue(row, *query.groupBy)) : 0;
            auto it = groups.try_emplace(key, empty).first;
            accumulate(query, row, it->second);
        }
    }
    QueryResult result = finish(query, groups);
    result.rowsScanned = m_rows.size();
    result.rowsMatched = matched;
    PERFLAB_ZONE("analytics.render");
    return {200, renderResult(query, result)};
}

RequestMix AnalyticsBaseline::requestMix(std::size_t count, std::uint64_t seed) const {
    return analyticsRequestMix(count, seed);
}

std::string AnalyticsBaseline::sampleRequest() const {
    return analyticsSampleRequest();
}

std::string analyticsSampleRequest() {
    return R"json({"group_by":"region","aggregates":["sum(price*quantity)","mean(price)","min(price)",)json"
           R"json("max(price)","count()","p95(price)"],"filter":"quantity > 5 and discount < 0.2"})json";
}

} // namespace perflab::engines::analytics
