// Speedscope output: the structure speedscope's file-format schema requires, checked field by field.
#include "model/speedscope_writer.h"

#include "model/folded_stacks.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <numeric>
#include <sstream>

using namespace perflab;
using nlohmann::json;

namespace {

json written(const Profile& p) {
    std::ostringstream out;
    writeSpeedscope(p, "checkout run", out);
    return json::parse(out.str());
}

// The schema's required members and types for a file of sampled profiles over shared frames.
void requireSchemaShape(const json& file) {
    REQUIRE(file.at("$schema") == "https://www.speedscope.app/file-format-schema.json");
    const json& frames = file.at("shared").at("frames");
    REQUIRE(frames.is_array());
    for (const json& frame : frames)
        REQUIRE(frame.at("name").is_string());
    REQUIRE(file.at("profiles").is_array());
    REQUIRE_FALSE(file.at("profiles").empty());
    for (const json& profile : file.at("profiles")) {
        REQUIRE(profile.at("type") == "sampled");
        REQUIRE(profile.at("name").is_string());
        REQUIRE(profile.at("unit") == "none");
        REQUIRE(profile.at("startValue").is_number());
        REQUIRE(profile.at("endValue").is_number());
        const json& samples = profile.at("samples");
        const json& weights = profile.at("weights");
        REQUIRE(samples.is_array());
        REQUIRE(weights.size() == samples.size());
        for (const json& stack : samples)
            for (const json& index : stack)
                REQUIRE((index.is_number_unsigned() && index.get<std::size_t>() < frames.size()));
        const std::uint64_t sum =
            std::accumulate(weights.begin(), weights.end(), std::uint64_t{0},
                            [](std::uint64_t a, const json& w) { return a + w.get<std::uint64_t>(); });
        REQUIRE(profile.at("endValue").get<std::uint64_t>() - profile.at("startValue").get<std::uint64_t>() ==
                sum);
    }
}

std::vector<std::string> stackNames(const json& file, std::size_t profile, std::size_t sample) {
    std::vector<std::string> names;
    for (const json& index : file["profiles"][profile]["samples"][sample])
        names.push_back(file["shared"]["frames"][index.get<std::size_t>()]["name"]);
    return names;
}

} // namespace

TEST_CASE("an untagged profile is written as one sampled speedscope profile over shared frames") {
    const json file = written(parseFoldedStacks("main;parse;lex 42\nmain;run 8\n"));
    requireSchemaShape(file);
    REQUIRE(file["profiles"].size() == 1);
    CHECK(file["profiles"][0]["name"] == "checkout run");
    CHECK(file["shared"]["frames"].size() == 4);
    CHECK(stackNames(file, 0, 0) == std::vector<std::string>{"main", "parse", "lex"});
    CHECK(file["profiles"][0]["weights"] == json::array({42, 8}));
    CHECK(file["profiles"][0]["endValue"] == 50);
}

TEST_CASE("each thread and engine of a tagged profile becomes its own speedscope profile") {
    Profile p =
        parseFoldedStacks("main;serve 30\nmain;idle 5\n", {.thread = "worker-1", .engine = "knowledge"});
    p.merge(parseFoldedStacks("main;flush 7\n", {.thread = "writer", .engine = "knowledge"}));
    p.merge(parseFoldedStacks("main;ünïcode \"quoted\" 1\n"));
    const json file = written(p);
    requireSchemaShape(file);
    REQUIRE(file["profiles"].size() == 3);
    CHECK(file["profiles"][0]["name"] == "checkout run");
    CHECK(file["profiles"][1]["name"] == "knowledge / worker-1");
    CHECK(file["profiles"][1]["endValue"] == 35);
    CHECK(file["profiles"][2]["name"] == "knowledge / writer");
    CHECK(stackNames(file, 0, 0) == std::vector<std::string>{"main", "ünïcode \"quoted\""});
}
