// A JSON value together with its key path, so every validation error can name where it happened.
#pragma once

#include "model/scenario/scenario.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace perflab::scenario_detail {

// Ordered, so headers keep their order and toJson writes keys in the documented order.
using Json = nlohmann::ordered_json;

class JsonNode {
public:
    JsonNode(const Json& json, std::string path, const std::string& source);

    const Json& json() const noexcept { return m_json; }
    const std::string& path() const noexcept { return m_path; }
    [[noreturn]] void fail(const std::string& problem) const;
    // For problems about a key that may be absent, e.g. a required one.
    [[noreturn]] void failAt(std::string_view key, const std::string& problem) const;

    // Rejects any key not in allowed, naming the first unknown one and listing the allowed ones.
    void allowOnly(std::initializer_list<std::string_view> allowed) const;
    bool has(std::string_view key) const;
    JsonNode required(std::string_view key) const;
    std::optional<JsonNode> optional(std::string_view key) const;
    std::vector<std::string> keys() const;
    std::size_t arraySize() const;
    JsonNode element(std::size_t index) const;

    std::string string() const;
    std::string nonEmptyString() const;
    std::string oneOf(std::initializer_list<std::string_view> choices) const;
    bool boolean() const;
    double number() const;
    double atLeast(double minimum) const;
    double above(double minimum) const;
    double between(double minimum, double maximum) const;
    std::int64_t integer(std::int64_t minimum, std::int64_t maximum) const;
    Millis duration() const;
    Millis positiveDuration() const;

private:
    void requireObject() const;
    std::string childPath(std::string_view key) const;

    const Json& m_json;
    std::string m_path;
    const std::string& m_source;
};

// How a value reads in an error message: strings quoted, containers by their type.
std::string describe(const Json& value);

} // namespace perflab::scenario_detail
