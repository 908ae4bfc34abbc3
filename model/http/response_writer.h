// Writes HTTP/1.1 responses into an output buffer: status line, headers, then a Content-Length body or
// chunks. The engine server, the integration engine's upstream and the load tests' server answer with it.
#pragma once

#include <string>
#include <string_view>

namespace perflab {

// "Not Found" for 404; a status without its own phrase gets its class's ("Client Error", "Server Error").
std::string_view reasonPhrase(int status) noexcept;

struct ResponseHead {
    int status = 200;
    bool keepAlive = true;                             // "Connection: keep-alive", else "Connection: close"
    std::string_view contentType = "application/json"; // empty: no Content-Type header
    std::string_view extraHeaders = {};                // whole header lines, each ending in CRLF
};

// The head with a Content-Length header, then the body.
void appendResponse(std::string& out, const ResponseHead& head, std::string_view body);
// The head with "Transfer-Encoding: chunked"; the body follows as appendChunk calls and one appendLastChunk.
void appendChunkedHead(std::string& out, const ResponseHead& head);
// One chunk of a non-empty `data`: its size in hex, the extension when given ("name=value"), the data.
void appendChunk(std::string& out, std::string_view data, std::string_view extension = {});
// The zero-size chunk that ends the body, trailer lines (each ending in CRLF) and the final blank line.
void appendLastChunk(std::string& out, std::string_view trailers = {});

} // namespace perflab
