// Tests of load/http/url.h: which URLs the load client accepts and what it sends for them.
#include "load/http/url.h"

#include <catch2/catch.hpp>

#include <stdexcept>

using perflab::load::parseUrl;

TEST_CASE("a URL with port, path and query keeps the query on the request line") {
    const auto url = parseUrl("http://127.0.0.1:8080/engines/analytics?x=1#frag");
    CHECK(url.host == "127.0.0.1");
    CHECK(url.port == 8080);
    CHECK(url.target == "/engines/analytics?x=1");
    CHECK(url.hostHeader == "127.0.0.1:8080");
}

TEST_CASE("a URL without path or port defaults to / on port 80") {
    const auto url = parseUrl("HTTP://example.test");
    CHECK(url.port == 80);
    CHECK(url.target == "/");
    CHECK(url.hostHeader == "example.test");
    CHECK(parseUrl("http://example.test?q=1").target == "/?q=1");
}

TEST_CASE("an IPv6 literal is unbracketed for connecting and bracketed in the Host header") {
    const auto url = parseUrl("http://[::1]:9000/x");
    CHECK(url.host == "::1");
    CHECK(url.port == 9000);
    CHECK(url.hostHeader == "[::1]:9000");
}

TEST_CASE("https and malformed URLs are rejected with a message naming the problem") {
    CHECK_THROWS_WITH(parseUrl("https://example.test/"), Catch::Contains("https is not supported"));
    CHECK_THROWS_WITH(parseUrl("ftp://example.test/"), Catch::Contains("http://"));
    CHECK_THROWS_WITH(parseUrl("http:///path"), Catch::Contains("host is missing"));
    CHECK_THROWS_WITH(parseUrl("http://host:99999/"), Catch::Contains("1 to 65535"));
    CHECK_THROWS_WITH(parseUrl("http://host:/"), Catch::Contains("empty port"));
    CHECK_THROWS_AS(parseUrl("http://user:pw@host/"), std::invalid_argument);
}
