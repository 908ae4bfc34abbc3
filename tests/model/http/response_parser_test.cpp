// Tests of model/http/response_parser.h: where responses end, whatever way the bytes arrive.
#include "model/http/response_parser.h"

#include <catch2/catch.hpp>

#include <string>

using perflab::HttpResponseParser;
using Result = HttpResponseParser::Result;

namespace {

// Feeds `bytes` in pieces of `step`, as reads would deliver them, keeping unconsumed bytes like the client;
// the body goes to `body` when given.
Result feed(HttpResponseParser& parser, const std::string& bytes, std::size_t step,
            std::size_t* used = nullptr, std::string* body = nullptr) {
    std::string pending;
    std::size_t fed = 0;
    Result result = Result::NeedMore;
    while (result == Result::NeedMore && fed < bytes.size()) {
        pending += bytes.substr(fed, step);
        fed += std::min(step, bytes.size() - fed);
        std::size_t consumed = 0;
        result = parser.parse(pending, consumed, body);
        pending.erase(0, consumed);
    }
    if (used)
        *used = fed - pending.size();
    return result;
}

} // namespace

TEST_CASE("a Content-Length response ends exactly after its body, at any read size") {
    const std::string response = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nX-A: b\r\n\r\nhello";
    for (std::size_t step = 1; step <= response.size(); ++step) {
        HttpResponseParser parser;
        parser.reset(false);
        std::size_t used = 0;
        REQUIRE(feed(parser, response + "EXTRA", step, &used) == Result::Done);
        CHECK(used == response.size());
        CHECK(parser.status() == 200);
        CHECK(parser.keepAlive());
        CHECK(parser.bodyBytes() == 5);
    }
}

TEST_CASE("a chunked body with extensions and trailers is parsed at any read size") {
    const std::string response = "HTTP/1.1 201 Created\r\nTransfer-Encoding: gzip, Chunked\r\n\r\n"
                                 "3;ext=1\r\nabc\r\nA\r\n0123456789\r\n0\r\nX-Trailer: yes\r\n\r\n";
    for (std::size_t step = 1; step <= response.size(); ++step) {
        HttpResponseParser parser;
        parser.reset(false);
        REQUIRE(feed(parser, response, step) == Result::Done);
        CHECK(parser.status() == 201);
        CHECK(parser.bodyBytes() == 13);
    }
}

TEST_CASE("the body is handed over when asked, without its chunk framing, at any read size") {
    const std::string sized = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello";
    const std::string chunked = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                                "3;ext=1\r\nabc\r\nA\r\n0123456789\r\n0\r\nX-Trailer: yes\r\n\r\n";
    for (std::size_t step = 1; step <= chunked.size(); ++step) {
        HttpResponseParser parser;
        parser.reset(false);
        std::string body;
        REQUIRE(feed(parser, sized + "EXTRA", step, nullptr, &body) == Result::Done);
        CHECK(body == "hello");
        parser.reset(false);
        body.clear();
        REQUIRE(feed(parser, chunked, step, nullptr, &body) == Result::Done);
        CHECK(body == "abc0123456789");
    }
    HttpResponseParser untilClose;
    untilClose.reset(false);
    std::string body;
    CHECK(feed(untilClose, "HTTP/1.1 200 OK\r\n\r\nsome body", 4, nullptr, &body) == Result::NeedMore);
    CHECK(untilClose.finishAtEof() == Result::Done);
    CHECK(body == "some body");
}

TEST_CASE("Connection: close and HTTP/1.0 end keep-alive unless the server asks for it") {
    HttpResponseParser parser;
    parser.reset(false);
    REQUIRE(feed(parser, "HTTP/1.1 200 OK\r\nconnection: Close\r\ncontent-length: 0\r\n\r\n", 64) ==
            Result::Done);
    CHECK_FALSE(parser.keepAlive());

    parser.reset(false);
    REQUIRE(feed(parser, "HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n", 64) == Result::Done);
    CHECK_FALSE(parser.keepAlive());

    parser.reset(false);
    REQUIRE(feed(parser, "HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 0\r\n\r\n", 64) ==
            Result::Done);
    CHECK(parser.keepAlive());
}

TEST_CASE("a body without length runs until the server closes the connection") {
    HttpResponseParser parser;
    parser.reset(false);
    CHECK(feed(parser, "HTTP/1.1 200 OK\r\n\r\nsome body", 64) == Result::NeedMore);
    CHECK(parser.finishAtEof() == Result::Done);
    CHECK(parser.bodyBytes() == 9);
    CHECK_FALSE(parser.keepAlive());
}

TEST_CASE("responses to HEAD, 204 and 304 have no body whatever their headers say") {
    HttpResponseParser parser;
    parser.reset(true);
    CHECK(feed(parser, "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n", 64) == Result::Done);
    parser.reset(false);
    CHECK(feed(parser, "HTTP/1.1 204 No Content\r\n\r\n", 64) == Result::Done);
    parser.reset(false);
    CHECK(feed(parser, "HTTP/1.1 304 Not Modified\r\nContent-Length: 7\r\n\r\n", 64) == Result::Done);
}

TEST_CASE("an interim 100 Continue is skipped and the final response counts") {
    HttpResponseParser parser;
    parser.reset(false);
    CHECK(feed(parser, "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 503 Busy\r\nContent-Length: 1\r\n\r\nx", 7) ==
          Result::Done);
    CHECK(parser.status() == 503);
}

TEST_CASE("malformed responses and early closes are errors with a reason") {
    const char* malformed[] = {"HTP/1.1 200 OK\r\n\r\n",
                               "HTTP/1.1 2x0 OK\r\n\r\n",
                               "HTTP/1.1 200 OK\r\nno colon here\r\n\r\n",
                               "HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n",
                               "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
                               "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabc\r\n"};
    for (const char* bytes : malformed) {
        HttpResponseParser parser;
        parser.reset(false);
        CHECK(feed(parser, bytes, 64) == Result::Error);
        CHECK(parser.error() != nullptr);
    }
    HttpResponseParser truncated;
    truncated.reset(false);
    CHECK(feed(truncated, "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc", 64) == Result::NeedMore);
    CHECK(truncated.finishAtEof() == Result::Error);
}

TEST_CASE("a Warning 110 among other warnings marks a response stale, its Age in ms") {
    HttpResponseParser parser;
    parser.reset(false);
    REQUIRE(feed(parser,
                 "HTTP/1.1 200 OK\r\nage: 12\r\nWarning: 199 - \"note\", 110 cache \"Response is Stale\"\r\n"
                 "Content-Length: 0\r\n\r\n",
                 5) == Result::Done);
    CHECK(parser.staleAgeMs() == 12'000);

    parser.reset(false);
    REQUIRE(feed(parser,
                 "HTTP/1.1 200 OK\r\nWarning: 110 - \"Response is Stale\"\r\nContent-Length: 0\r\n\r\n",
                 64) == Result::Done);
    CHECK(parser.staleAgeMs() == 0); // stale, of an age nobody said

    parser.reset(false);
    REQUIRE(feed(parser, "HTTP/1.1 200 OK\r\nAge: 30\r\nWarning: 1100 x \"y\"\r\nContent-Length: 0\r\n\r\n",
                 64) == Result::Done);
    CHECK(parser.staleAgeMs() == -1); // an Age alone is a cache's fresh answer
}
