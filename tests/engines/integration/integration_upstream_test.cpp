// Tests of engines/integration/upstream.h (through the blocking client): its items, its service time, the
// faults a run injects, and the reply framing both clients share.
#include "engines/integration/blocking_client.h"
#include "engines/integration/item_catalog.h"
#include "engines/integration/upstream.h"
#include "engines/integration/upstream_reply.h"

#include <catch2/catch.hpp>

#include <chrono>

using namespace perflab::engines::integration;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

namespace {

UpstreamReply get(const Upstream& upstream, std::uint32_t id) {
    return callOnce(upstream.port(), itemRequest(id, false), 1000ms);
}

} // namespace

TEST_CASE("the upstream answers an item from its catalogue after its service time") {
    Upstream upstream({.serviceTime = 5000us, .seed = 3});
    const auto start = Clock::now();
    const UpstreamReply reply = get(upstream, 17);
    CHECK(Clock::now() - start >= 5ms);
    CHECK(reply.status == 200);
    CHECK(parseItem(reply.body) == catalogItem(17, 3));
    CHECK(catalogItem(17, 3) != catalogItem(17, 4));
    CHECK(upstream.requestsAnswered() == 1);
    CHECK(upstream.connectionsAccepted() == 1);
    CHECK(callOnce(upstream.port(), "GET /nothing HTTP/1.1\r\nHost: u\r\nConnection: close\r\n\r\n", 1000ms)
              .status == 404);
}

TEST_CASE("the upstream answers a batch of items in order in one call, up to its limit") {
    Upstream upstream({.serviceTime = 5000us, .seed = 3});
    const auto start = Clock::now();
    const UpstreamReply reply = callOnce(upstream.port(), batchRequest({9, 2, 9, 40'000}), 1000ms);
    CHECK(Clock::now() - start >= 5ms);
    CHECK(Clock::now() - start < 20ms * 4); // one service time, not one per item
    REQUIRE(reply.status == 200);
    CHECK(parseItems(reply.body) ==
          std::vector<Item>{catalogItem(9, 3), catalogItem(2, 3), catalogItem(9, 3), catalogItem(40'000, 3)});
    CHECK(upstream.requestsAnswered() == 1);
    CHECK(callOnce(upstream.port(), batchRequest(std::vector<std::uint32_t>(kMaxBatchItems, 1)), 1000ms)
              .status == 200);
    CHECK(callOnce(upstream.port(), batchRequest(std::vector<std::uint32_t>(kMaxBatchItems + 1, 1)), 1000ms)
              .status == 404);
    const auto bad = callOnce(upstream.port(), "GET /items/batch/1,x HTTP/1.1\r\nHost: u\r\n\r\n", 1000ms);
    CHECK(bad.status == 404);
    CHECK_THAT(bad.body, Catch::Contains("/items/batch/<id>,<id>"));
    CHECK_THROWS_WITH(parseItems(R"({"items":[{"id":1}]})"), Catch::Contains("a batch of items"));
}

TEST_CASE("injected latency, errors, resets and an outage reach callers until the faults are cleared") {
    Upstream upstream({.serviceTime = 100us});
    SECTION("latency") {
        upstream.faults().set({.addedLatency = 40ms});
        const auto start = Clock::now();
        CHECK(get(upstream, 1).status == 200);
        CHECK(Clock::now() - start >= 40ms);
    }
    SECTION("errors") {
        upstream.faults().set({.errorRate = 1});
        CHECK(get(upstream, 1).status == 503);
    }
    SECTION("resets") {
        upstream.faults().set({.resetRate = 1});
        CHECK_THROWS_WITH(get(upstream, 1), Catch::Contains("upstream receive"));
    }
    SECTION("outage") {
        upstream.faults().set({.outage = true});
        CHECK_THROWS_WITH(get(upstream, 1), Catch::Contains("upstream"));
        CHECK(upstream.requestsAnswered() == 0);
    }
    upstream.faults().set({});
    CHECK(get(upstream, 1).status == 200);
}

TEST_CASE("a partial error rate fails about that fraction of calls") {
    Upstream upstream({.serviceTime = 0us});
    upstream.faults().set({.errorRate = 0.3});
    int failed = 0;
    for (int i = 0; i < 400; ++i)
        failed += get(upstream, static_cast<std::uint32_t>(i)).status == 503 ? 1 : 0;
    CHECK(failed > 80);
    CHECK(failed < 160);
}

TEST_CASE("a reply is taken only once complete, and bytes that are not a reply say so") {
    std::string received = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nab";
    CHECK_FALSE(takeReply(received));
    received += "cdeHTTP/1.1";
    const auto reply = takeReply(received);
    REQUIRE(reply);
    CHECK(reply->status == 200);
    CHECK(reply->body == "abcde");
    CHECK(reply->keepAlive);
    CHECK(received == "HTTP/1.1"); // the next reply's start stays

    std::string closing = "HTTP/1.1 503 No\r\ncontent-length: 0\r\nConnection: close\r\n\r\n";
    CHECK_FALSE(takeReply(closing)->keepAlive);
    std::string chunked = "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                          "2\r\n{}\r\n0\r\n\r\n";
    const auto whole = takeReply(chunked);
    REQUIRE(whole);
    CHECK(whole->status == 200); // after the interim 100, in chunks: as any HTTP/1.1 server may answer
    CHECK(whole->body == "{}");
    CHECK(chunked.empty());

    std::string garbage = "SSH-2.0-OpenSSH\r\n\r\n";
    CHECK_THROWS_WITH(takeReply(garbage),
                      Catch::Contains("no HTTP/1.x status line") && Catch::Contains("SSH-2.0"));
}
