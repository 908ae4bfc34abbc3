// The plain pods list reader gives exactly the pods a JSON parser reads from every request of the mix, and
// leaves every other text to the general reader.
#include "engines/orchestrator/orchestrator_mix.h"
#include "engines/orchestrator/orchestrator_pods_list.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using namespace perflab::engines;
using namespace perflab::engines::orchestrator;

namespace {

std::vector<std::pair<int, int>> jsonPods(const std::string& text) {
    std::vector<std::pair<int, int>> pods;
    const nlohmann::json request = nlohmann::json::parse(text);
    for (const auto& pod : request.at("pods")) {
        pods.emplace_back(pod.at("cpu").get<int>(), pod.at("memory").get<int>());
    }
    return pods;
}

std::vector<std::pair<int, int>> read(const std::string& text) {
    const auto pods = readPlainPodsList(text);
    REQUIRE(pods.has_value());
    std::vector<std::pair<int, int>> read;
    for (const Pod& pod : *pods) {
        read.emplace_back(pod.cpu, pod.memory);
    }
    return read;
}

} // namespace

TEST_CASE("the plain pods list reader gives the pods a JSON parser reads, for every request of the mix") {
    for (const RequestMix::Request& request : drawRequestMix(300, 9).requests) {
        CHECK(read(request.body) == jsonPods(request.body));
    }
    const std::string spaced =
        " {\n \"pods\" : [ {\"memory\": 64 ,\t\"cpu\":50}\r\n, {\"cpu\":32000,\"memory\":131072} ] } ";
    CHECK(read(spaced) == jsonPods(spaced));
}

TEST_CASE("the plain pods list reader leaves anything but a plain valid pods list to the general reader") {
    for (const char* text : {
             R"({"batch":{"seed":1,"pods":2}})",
             R"({"pods":[]})",
             R"({"pods":[{"cpu":1,"memory":1}])",
             R"({"pods":[{"cpu":1,"memory":1}]}x)",
             R"({"pods":[{"cpu":1,"memory":1},]})",
             R"({"pods":[{"cpu":0,"memory":1}]})",
             R"({"pods":[{"cpu":-1,"memory":1}]})",
             R"({"pods":[{"cpu":01,"memory":1}]})",
             R"({"pods":[{"cpu":1.5,"memory":1}]})",
             R"({"pods":[{"cpu":1e3,"memory":1}]})",
             R"({"pods":[{"cpu":32001,"memory":1}]})",
             R"({"pods":[{"cpu":1,"memory":131073}]})",
             R"({"pods":[{"cpu":1,"cpu":1}]})",
             R"({"pods":[{"cpu":1}]})",
             R"({"pods":[{"cpu":1,"memory":1,"gpu":1}]})",
             R"({"pods":[{"cpu":"1","memory":1}]})",
             R"({"pods":[{"cpu":1,"memory":1}],"pods":[]})",
             R"({"p\u006fds":[{"cpu":1,"memory":1}]})",
         }) {
        INFO(text);
        CHECK_FALSE(readPlainPodsList(text).has_value());
    }
    std::string tooMany = R"({"pods":[)";
    for (std::size_t i = 0; i <= 10'000; ++i) {
        tooMany += (i == 0 ? "" : ",") + std::string(R"({"cpu":1,"memory":1})");
    }
    CHECK_FALSE(readPlainPodsList(tooMany + "]}").has_value());
}
