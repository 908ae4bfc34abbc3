// Parses one HTTP/1.x request at a time out of a server connection's read buffer (the engine server's, the
// upstream's) without copying: the request's views point into the buffer. No I/O: it is tested on strings.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace perflab {

struct HttpRequest {
    std::string_view method;
    std::string_view target; // path without the query string
    std::string_view body;
    int minorVersion = 1;  // HTTP/1.<minor>
    bool keepAlive = true; // after Connection headers and the version's default
};

struct HttpLimits {
    std::size_t maxHeaderBytes = 64 * 1024;
    std::size_t maxBodyBytes = 16 * 1024 * 1024;
};

struct HttpParseResult {
    enum class State { NeedMore, Complete, Error };
    State state = State::NeedMore;
    HttpRequest request;         // Complete
    std::size_t consumed = 0;    // Complete: bytes of this request (leading blank lines included)
    std::size_t bytesNeeded = 0; // NeedMore: total buffer size that completes the request, 0 if unknown
    int errorStatus = 0;         // Error: 400, 411, 413, 431, 505; the connection must close after it
    std::string errorMessage;    // Error
};

HttpParseResult parseHttpRequest(std::string_view buffer, const HttpLimits& limits = {});

} // namespace perflab
