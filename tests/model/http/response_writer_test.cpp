// Tests of model/http/response_writer.h: the bytes of a response head, and that what it writes, the response
// parser reads back.
#include "model/http/response_parser.h"
#include "model/http/response_writer.h"

#include <catch2/catch.hpp>

#include <string>

using namespace perflab;

namespace {

// One parse of `wire` from its start.
struct ReadBack {
    explicit ReadBack(const std::string& wire) {
        HttpResponseParser parser;
        parser.reset(false);
        result = parser.parse(wire, consumed, &body);
        status = parser.status();
        keepAlive = parser.keepAlive();
    }
    HttpResponseParser::Result result = HttpResponseParser::Result::Error;
    std::size_t consumed = 0;
    std::string body;
    int status = 0;
    bool keepAlive = false;
};

} // namespace

TEST_CASE("a response carries its status, content type, length, connection and extra headers in order") {
    std::string out;
    appendResponse(out, {.status = 405, .keepAlive = true, .extraHeaders = "Allow: GET\r\n"}, R"({"e":1})");
    CHECK(out == "HTTP/1.1 405 Method Not Allowed\r\nContent-Type: application/json\r\nContent-Length: 7\r\n"
                 "Connection: keep-alive\r\nAllow: GET\r\n\r\n{\"e\":1}");
    out.clear();
    appendResponse(out, {.status = 200, .keepAlive = false, .contentType = {}}, "");
    CHECK(out == "HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
}

TEST_CASE("a status without its own reason phrase gets its class's") {
    CHECK(reasonPhrase(503) == "Service Unavailable");
    CHECK(reasonPhrase(418) == "Client Error");
    CHECK(reasonPhrase(502) == "Server Error");
    CHECK(reasonPhrase(201) == "OK");
}

TEST_CASE("what the writer writes, in one piece or in chunks, the parser reads back") {
    std::string sized;
    appendResponse(sized, {.status = 404, .keepAlive = false}, "not here");
    const ReadBack one(sized + "NEXT");
    REQUIRE(one.result == HttpResponseParser::Result::Done);
    CHECK(one.status == 404);
    CHECK_FALSE(one.keepAlive);
    CHECK(one.body == "not here");
    CHECK(one.consumed == sized.size());

    std::string chunked;
    appendChunkedHead(chunked, {.status = 201});
    appendChunk(chunked, "0123456789abcdef!", "ext=1"); // 17 bytes: a size of two hex digits
    appendChunk(chunked, "xyz");
    appendLastChunk(chunked, "X-Trailer: yes\r\n");
    CHECK(chunked.find("\r\n11;ext=1\r\n0123456789abcdef!\r\n3\r\nxyz\r\n0\r\nX-Trailer: yes\r\n\r\n") !=
          std::string::npos);
    const ReadBack pieces(chunked);
    REQUIRE(pieces.result == HttpResponseParser::Result::Done);
    CHECK(pieces.status == 201);
    CHECK(pieces.keepAlive);
    CHECK(pieces.body == "0123456789abcdef!xyz");
    CHECK(pieces.consumed == chunked.size());
}
