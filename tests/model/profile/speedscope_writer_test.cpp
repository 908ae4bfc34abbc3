// Speedscope output: the structure speedscope's file-format schema requires, checked field by field.
#include "model/profile/speedscope_writer.h"

#include "model/profile/folded_stacks.h"
#include "tests/model/speedscope_schema.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <sstream>

using namespace perflab;
using nlohmann::json;

namespace {

json written(const Profile& p) {
    std::ostringstream out;
    writeSpeedscope(p, "checkout run", out);
    return json::parse(out.str());
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
    perflab::test::requireSpeedscopeShape(file);
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
    perflab::test::requireSpeedscopeShape(file);
    REQUIRE(file["profiles"].size() == 3);
    CHECK(file["profiles"][0]["name"] == "checkout run");
    CHECK(file["profiles"][1]["name"] == "knowledge / worker-1");
    CHECK(file["profiles"][1]["endValue"] == 35);
    CHECK(file["profiles"][2]["name"] == "knowledge / writer");
    CHECK(stackNames(file, 0, 0) == std::vector<std::string>{"main", "ünïcode \"quoted\""});
}
