// Parses the analytics request JSON and its aggregate calls ("sum(price*quantity)", "p95(price)").
#include "engines/analytics/analytics_query.h"

#include <nlohmann/json.hpp>

#include <cctype>
#include <charconv>

namespace perflab::engines::analytics {

namespace {

std::string_view trim(std::string_view text) {
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) {
        text.remove_prefix(1);
    }
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) {
        text.remove_suffix(1);
    }
    return text;
}

[[noreturn]] void failAggregate(std::string_view text, const std::string& problem) {
    throw RequestError("aggregate \"" + std::string(text) + "\": " + problem +
                       " (expected sum, mean, min, max, p50, p95, p99 or pN of an expression, or count())");
}

AggregateKind kindOf(std::string_view name, std::string_view text, double& percentile) {
    if (name == "sum") {
        return AggregateKind::Sum;
    }
    if (name == "mean" || name == "avg") {
        return AggregateKind::Mean;
    }
    if (name == "min") {
        return AggregateKind::Min;
    }
    if (name == "max") {
        return AggregateKind::Max;
    }
    if (name == "count") {
        return AggregateKind::Count;
    }
    if (name.size() > 1 && name.front() == 'p') {
        const auto digits = name.substr(1);
        auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), percentile);
        if (ec == std::errc() && end == digits.data() + digits.size() && percentile > 0 &&
            percentile <= 100) {
            return AggregateKind::Percentile;
        }
    }
    failAggregate(text, "unknown function \"" + std::string(name) + "\"");
}

std::optional<Column> parseGroupBy(const nlohmann::json& value) {
    if (value.is_null()) {
        return std::nullopt;
    }
    if (!value.is_string()) {
        throw RequestError("\"group_by\" must be a column name");
    }
    const std::string& name = value.get_ref<const std::string&>();
    const auto column = findColumn(name);
    if (!column) {
        throw RequestError("unknown column \"" + name +
                           "\" in group_by (columns: " + std::string(columnList()) + ")");
    }
    if (!isIntegerColumn(*column)) {
        throw RequestError("group_by column \"" + name +
                           "\" is not an integer column (use region, product, channel or quantity)");
    }
    return column;
}

} // namespace

Aggregate parseAggregate(std::string_view text) {
    Aggregate aggregate;
    aggregate.label = std::string(text);
    const std::size_t open = text.find('(');
    const std::string_view body = trim(text);
    if (open == std::string_view::npos || body.empty() || body.back() != ')') {
        failAggregate(text, "expected function(expression)");
    }
    aggregate.kind = kindOf(trim(text.substr(0, open)), text, aggregate.percentile);
    const std::size_t close = text.find_last_of(')');
    const std::string_view inner = text.substr(open + 1, close - open - 1);
    const std::string what = "aggregate \"" + aggregate.label + "\"";
    if (aggregate.kind == AggregateKind::Count) {
        if (!trim(inner).empty()) {
            failAggregate(text, "count() takes no argument");
        }
        return aggregate;
    }
    if (trim(inner).empty()) {
        failAggregate(text, "missing argument");
    }
    aggregate.argument = parseArithmetic(inner, what, open + 1);
    return aggregate;
}

Query parseQuery(std::string_view requestJson) {
    const nlohmann::json request = nlohmann::json::parse(requestJson, nullptr, false);
    if (request.is_discarded()) {
        throw RequestError("request is not valid JSON");
    }
    if (!request.is_object()) {
        throw RequestError("request must be a JSON object with \"aggregates\"");
    }
    Query query;
    for (const auto& [key, value] : request.items()) {
        if (key == "group_by") {
            query.groupBy = parseGroupBy(value);
        } else if (key == "filter") {
            if (!value.is_null() && !value.is_string()) {
                throw RequestError("\"filter\" must be a string such as \"quantity > 5 and discount < 0.2\"");
            }
            if (value.is_string() && !trim(value.get_ref<const std::string&>()).empty()) {
                query.filter = parseCondition(value.get_ref<const std::string&>(), "filter");
            }
        } else if (key != "aggregates") {
            throw RequestError("unknown key \"" + key + "\" (expected group_by, aggregates, filter)");
        }
    }
    const auto aggregates = request.find("aggregates");
    if (aggregates == request.end() || !aggregates->is_array() || aggregates->empty()) {
        throw RequestError("\"aggregates\" must be a non-empty array such as [\"count()\", \"sum(price)\"]");
    }
    for (const auto& item : *aggregates) {
        if (!item.is_string()) {
            throw RequestError("\"aggregates\" entries must be strings, found " + item.dump());
        }
        Aggregate aggregate = parseAggregate(item.get_ref<const std::string&>());
        for (const Aggregate& existing : query.aggregates) {
            if (existing.label == aggregate.label) {
                throw RequestError("aggregate \"" + aggregate.label + "\" is listed twice");
            }
        }
        query.aggregates.push_back(std::move(aggregate));
    }
    return query;
}

} // namespace perflab::engines::analytics
