// Typed, range-checked reads of scenario JSON values; each failure names the key path and the value.
#include "model/scenario/scenario_json_node.h"

#include <cmath>
#include <cstdio>
#include <stdexcept>

namespace perflab::scenario_detail {

namespace {

std::string formatNumber(double value) {
    if (std::nearbyint(value) == value && std::fabs(value) < 1e15)
        return std::to_string(static_cast<std::int64_t>(value));
    char text[32];
    std::snprintf(text, sizeof text, "%.15g", value);
    return text;
}

std::string joined(std::initializer_list<std::string_view> words, std::string_view separator) {
    std::string out;
    for (std::string_view word : words) {
        if (!out.empty())
            out += separator;
        out += word;
    }
    return out;
}

} // namespace

std::string describe(const Json& value) {
    switch (value.type()) {
    case Json::value_t::object:
        return "an object";
    case Json::value_t::array:
        return "an array";
    case Json::value_t::null:
        return "null";
    case Json::value_t::number_float:
        return formatNumber(value.get<double>());
    default:
        break;
    }
    std::string text = value.dump();
    if (text.size() > 60)
        text = text.substr(0, 57) + "...";
    return text;
}

JsonNode::JsonNode(const Json& json, std::string path, const std::string& source)
    : m_json(json)
    , m_path(std::move(path))
    , m_source(source) {}

void JsonNode::fail(const std::string& problem) const {
    throw ScenarioError(m_source, m_path, problem);
}

void JsonNode::failAt(std::string_view key, const std::string& problem) const {
    throw ScenarioError(m_source, childPath(key), problem);
}

std::string JsonNode::childPath(std::string_view key) const {
    return m_path.empty() ? std::string(key) : m_path + "." + std::string(key);
}

void JsonNode::requireObject() const {
    if (!m_json.is_object())
        fail("expected an object, got " + describe(m_json));
}

void JsonNode::allowOnly(std::initializer_list<std::string_view> allowed) const {
    requireObject();
    for (const auto& item : m_json.items()) {
        const std::string& key = item.key();
        bool known = false;
        for (std::string_view name : allowed)
            known = known || name == key;
        if (!known)
            failAt(key, "unknown key (expected one of: " + joined(allowed, ", ") + ")");
    }
}

bool JsonNode::has(std::string_view key) const {
    return m_json.is_object() && m_json.contains(key);
}

std::optional<JsonNode> JsonNode::optional(std::string_view key) const {
    requireObject();
    auto found = m_json.find(key);
    if (found == m_json.end())
        return std::nullopt;
    return JsonNode(*found, childPath(key), m_source);
}

JsonNode JsonNode::required(std::string_view key) const {
    if (auto child = optional(key))
        return *child;
    failAt(key, "required key is missing");
}

std::vector<std::string> JsonNode::keys() const {
    requireObject();
    std::vector<std::string> names;
    for (const auto& item : m_json.items())
        names.push_back(item.key());
    return names;
}

std::size_t JsonNode::arraySize() const {
    if (!m_json.is_array())
        fail("expected an array, got " + describe(m_json));
    return m_json.size();
}

JsonNode JsonNode::element(std::size_t index) const {
    return JsonNode(m_json.at(index), m_path + "[" + std::to_string(index) + "]", m_source);
}

std::string JsonNode::string() const {
    if (!m_json.is_string())
        fail("expected a string, got " + describe(m_json));
    return m_json.get<std::string>();
}

std::string JsonNode::nonEmptyString() const {
    std::string text = string();
    if (text.empty())
        fail("must not be empty");
    return text;
}

std::string JsonNode::oneOf(std::initializer_list<std::string_view> choices) const {
    std::string text = string();
    for (std::string_view choice : choices)
        if (choice == text)
            return text;
    fail("expected one of " + joined(choices, ", ") + ", got " + describe(m_json));
}

bool JsonNode::boolean() const {
    if (!m_json.is_boolean())
        fail("expected true or false, got " + describe(m_json));
    return m_json.get<bool>();
}

double JsonNode::number() const {
    if (!m_json.is_number())
        fail("expected a number, got " + describe(m_json));
    return m_json.get<double>();
}

double JsonNode::atLeast(double minimum) const {
    double value = number();
    if (!(value >= minimum))
        fail("must be >= " + formatNumber(minimum) + ", got " + describe(m_json));
    return value;
}

double JsonNode::above(double minimum) const {
    double value = number();
    if (!(value > minimum))
        fail("must be > " + formatNumber(minimum) + ", got " + describe(m_json));
    return value;
}

double JsonNode::between(double minimum, double maximum) const {
    double value = number();
    if (!(value >= minimum && value <= maximum))
        fail("must be between " + formatNumber(minimum) + " and " + formatNumber(maximum) + ", got " +
             describe(m_json));
    return value;
}

std::int64_t JsonNode::integer(std::int64_t minimum, std::int64_t maximum) const {
    double value = number();
    if (std::nearbyint(value) != value)
        fail("expected a whole number, got " + describe(m_json));
    if (value < static_cast<double>(minimum) || value > static_cast<double>(maximum))
        fail("must be between " + std::to_string(minimum) + " and " + std::to_string(maximum) + ", got " +
             describe(m_json));
    return static_cast<std::int64_t>(value);
}

Millis JsonNode::duration() const {
    std::string text = string();
    try {
        return parseDuration(text);
    } catch (const std::invalid_argument& error) {
        fail(error.what());
    }
}

Millis JsonNode::positiveDuration() const {
    Millis value = duration();
    if (value <= Millis{0})
        fail("must be longer than 0, got " + describe(m_json));
    return value;
}

} // namespace perflab::scenario_detail
