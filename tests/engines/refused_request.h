// The error message an engine gives for a request it refuses (status 400, {"error": "..."}).
#pragma once

#include "engines/engine.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <string>

namespace perflab::engines::test {

inline std::string errorOf(Engine& engine, const std::string& request) {
    const Response response = engine.execute(request);
    REQUIRE(response.status == 400);
    return nlohmann::json::parse(response.body).at("error").get<std::string>();
}

} // namespace perflab::engines::test
