// Tests of load/target_plan.h: request bytes, weighted choice and bad targets.
#include "load/target_plan.h"

#include <catch2/catch.hpp>

#include <stdexcept>

using perflab::HttpRequestSpec;
using perflab::load::formatRequest;
using perflab::load::parseUrl;
using perflab::load::ResolvedTarget;
using perflab::load::TargetPlan;

namespace {
HttpRequestSpec request(const std::string& url, double weight = 1) {
    HttpRequestSpec spec;
    spec.url = url;
    spec.weight = weight;
    return spec;
}
} // namespace

TEST_CASE("a POST is formatted with Host, Content-Length, the scenario's headers and its body") {
    HttpRequestSpec spec;
    spec.url = "http://127.0.0.1:8080/engines/analytics/optimized";
    spec.method = "POST";
    spec.headers = {{"Content-Type", "application/json"}};
    spec.body = R"({"q":1})";
    CHECK(formatRequest(spec, parseUrl(spec.url)) == "POST /engines/analytics/optimized HTTP/1.1\r\n"
                                                     "Host: 127.0.0.1:8080\r\n"
                                                     "User-Agent: perflab\r\n"
                                                     "Content-Type: application/json\r\n"
                                                     "Content-Length: 7\r\n\r\n"
                                                     R"({"q":1})");
}

TEST_CASE("headers the scenario sets replace the client's defaults") {
    HttpRequestSpec spec;
    spec.url = "http://127.0.0.1/";
    spec.headers = {{"host", "api.test"}, {"User-Agent", "mine"}};
    CHECK(formatRequest(spec, parseUrl(spec.url)) ==
          "GET / HTTP/1.1\r\nhost: api.test\r\nUser-Agent: mine\r\n\r\n");
}

TEST_CASE("weighted requests are drawn in proportion to their weights and share resolved endpoints") {
    ResolvedTarget target;
    target.http = {request("http://127.0.0.1:9/a", 3), request("http://127.0.0.1:9/b", 1)};
    const TargetPlan plan(target);
    CHECK(plan.endpointCount() == 1);
    std::mt19937_64 rng(1);
    int first = 0;
    for (int i = 0; i < 4000; ++i)
        first += &plan.pick(rng) == &plan.requests()[0] ? 1 : 0;
    CHECK(first > 2850); // 3000 expected; sd 27
    CHECK(first < 3150);
}

TEST_CASE("a target without requests, with https or with a non-positive weight is rejected") {
    CHECK_THROWS_WITH(TargetPlan(ResolvedTarget{}), Catch::Contains("neither an engine nor HTTP"));
    ResolvedTarget https;
    https.http = {request("https://127.0.0.1/")};
    CHECK_THROWS_WITH(TargetPlan(https), Catch::Contains("https"));
    ResolvedTarget zero;
    zero.http = {request("http://127.0.0.1/", 0)};
    CHECK_THROWS_WITH(TargetPlan(zero), Catch::Contains("weight must be positive"));
}
