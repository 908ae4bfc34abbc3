// The members and types speedscope's file-format schema requires of a file of sampled profiles over shared
// frames (https://www.speedscope.app/file-format-schema.json), checked field by field.
#pragma once

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cstdint>
#include <numeric>

namespace perflab::test {

inline void requireSpeedscopeShape(const nlohmann::json& file) {
    REQUIRE(file.at("$schema") == "https://www.speedscope.app/file-format-schema.json");
    const nlohmann::json& frames = file.at("shared").at("frames");
    REQUIRE(frames.is_array());
    for (const nlohmann::json& frame : frames)
        REQUIRE(frame.at("name").is_string());
    REQUIRE(file.at("profiles").is_array());
    REQUIRE_FALSE(file.at("profiles").empty());
    for (const nlohmann::json& profile : file.at("profiles")) {
        REQUIRE(profile.at("type") == "sampled");
        REQUIRE(profile.at("name").is_string());
        REQUIRE(profile.at("unit") == "none");
        REQUIRE(profile.at("startValue").is_number());
        REQUIRE(profile.at("endValue").is_number());
        const nlohmann::json& samples = profile.at("samples");
        const nlohmann::json& weights = profile.at("weights");
        REQUIRE(samples.is_array());
        REQUIRE(weights.size() == samples.size());
        for (const nlohmann::json& stack : samples)
            for (const nlohmann::json& index : stack)
                REQUIRE((index.is_number_unsigned() && index.get<std::size_t>() < frames.size()));
        const std::uint64_t sum = std::accumulate(
            weights.begin(), weights.end(), std::uint64_t{0},
            [](std::uint64_t a, const nlohmann::json& w) { return a + w.get<std::uint64_t>(); });
        REQUIRE(profile.at("endValue").get<std::uint64_t>() - profile.at("startValue").get<std::uint64_t>() ==
                sum);
    }
}

} // namespace perflab::test
