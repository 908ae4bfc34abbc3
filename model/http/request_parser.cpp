// Strict HTTP/1.x request parsing: request line, header fields (only Content-Length,
// Transfer-Encoding and Connection matter here), then a Content-Length body.
#include "model/http/request_parser.h"

#include "model/http/header_fields.h"

#include <cctype>
#include <charconv>

namespace perflab {

namespace {

using State = HttpParseResult::State;

HttpParseResult error(int status, std::string message) {
    HttpParseResult result;
    result.state = State::Error;
    result.errorStatus = status;
    result.errorMessage = std::move(message);
    return result;
}

struct Headers {
    bool hasContentLength = false;
    std::size_t contentLength = 0;
    bool hasTransferEncoding = false;
    bool connectionClose = false;
    bool connectionKeepAlive = false;
};

// True when some CR is not followed by LF, or some LF is not preceded by CR.
bool hasBareLineBreak(std::string_view head) {
    for (std::size_t i = 0; i < head.size(); ++i) {
        if ((head[i] == '\r' && (i + 1 == head.size() || head[i + 1] != '\n')) ||
            (head[i] == '\n' && (i == 0 || head[i - 1] != '\r'))) {
            return true;
        }
    }
    return false;
}

// Returns an error message, or an empty string when the field was fine.
std::string applyField(std::string_view name, std::string_view value, Headers& headers) {
    if (equalsIgnoringCase(name, "content-length")) {
        std::size_t length = 0;
        auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), length);
        if (value.empty() || ec != std::errc() || end != value.data() + value.size()) {
            return "invalid Content-Length \"" + std::string(value) + "\"";
        }
        if (headers.hasContentLength && headers.contentLength != length) {
            return "conflicting Content-Length headers";
        }
        headers.hasContentLength = true;
        headers.contentLength = length;
    } else if (equalsIgnoringCase(name, "transfer-encoding")) {
        headers.hasTransferEncoding = true;
    } else if (equalsIgnoringCase(name, "connection")) {
        headers.connectionClose |= hasToken(value, "close");
        headers.connectionKeepAlive |= hasToken(value, "keep-alive");
    }
    return {};
}

// Parses "METHOD SP target SP HTTP/1.x"; returns an error result or a NeedMore result holding the request.
HttpParseResult parseRequestLine(std::string_view line) {
    const std::size_t firstSpace = line.find(' ');
    const std::size_t secondSpace = line.find(' ', firstSpace == std::string_view::npos ? 0 : firstSpace + 1);
    if (firstSpace == 0 || firstSpace == std::string_view::npos || secondSpace == std::string_view::npos ||
        secondSpace == firstSpace + 1) {
        return error(400, "malformed request line (expected \"METHOD /path HTTP/1.1\")");
    }
    HttpParseResult result;
    HttpRequest& request = result.request;
    request.method = line.substr(0, firstSpace);
    if (!isToken(request.method)) {
        return error(400, "malformed method in request line");
    }
    request.target = line.substr(firstSpace + 1, secondSpace - firstSpace - 1);
    request.target = request.target.substr(0, request.target.find('?'));
    const std::string_view version = line.substr(secondSpace + 1);
    if (version.size() != 8 || version.substr(0, 5) != "HTTP/" ||
        !std::isdigit(static_cast<unsigned char>(version[5])) || version[6] != '.' ||
        !std::isdigit(static_cast<unsigned char>(version[7]))) {
        return error(400, "malformed HTTP version \"" + std::string(version) + "\"");
    }
    if (version[5] != '1') {
        return error(505,
                     "HTTP version " + std::string(version.substr(5)) + " is not supported (use HTTP/1.1)");
    }
    request.minorVersion = version[7] - '0';
    return result;
}

} // namespace

HttpParseResult parseHttpRequest(std::string_view buffer, const HttpLimits& limits) {
    std::size_t start = 0;
    while (buffer.substr(start, 2) == "\r\n") { // tolerated before a request (RFC 9112 section 2.2)
        start += 2;
    }
    const std::size_t headerEnd = buffer.find("\r\n\r\n", start);
    const std::size_t headerBytes =
        headerEnd == std::string_view::npos ? buffer.size() - start : headerEnd + 4 - start;
    if (headerBytes > limits.maxHeaderBytes) {
        return error(431,
                     "request header section exceeds " + std::to_string(limits.maxHeaderBytes) + " bytes");
    }
    if (headerEnd == std::string_view::npos) {
        if (buffer.find("\n\n", start) != std::string_view::npos) {
            return error(400, "request lines must end with CRLF");
        }
        return {};
    }
    // A lone CR or LF inside the header section is a framing ambiguity servers and proxies read differently
    // (request smuggling), so it is refused however the bytes arrived.
    if (hasBareLineBreak(buffer.substr(start, headerEnd + 2 - start))) {
        return error(400, "bare CR or LF inside the request head (lines must end with CRLF)");
    }
    const std::size_t lineEnd = buffer.find("\r\n", start);
    HttpParseResult result = parseRequestLine(buffer.substr(start, lineEnd - start));
    if (result.state == State::Error) {
        return result;
    }
    Headers headers;
    for (std::size_t pos = lineEnd + 2; pos < headerEnd + 2;) {
        const std::size_t end = buffer.find("\r\n", pos);
        const std::string_view field = buffer.substr(pos, end - pos);
        pos = end + 2;
        const std::size_t colon = field.find(':');
        if (colon == std::string_view::npos || !isToken(field.substr(0, colon))) {
            return error(400, "malformed header line \"" + std::string(field.substr(0, 80)) + "\"");
        }
        if (auto problem = applyField(field.substr(0, colon), trimSpaces(field.substr(colon + 1)), headers);
            !problem.empty()) {
            return error(400, std::move(problem));
        }
    }
    if (headers.hasTransferEncoding) {
        return error(411, "chunked or otherwise transfer-encoded request bodies are not supported: "
                          "send the body with a Content-Length header");
    }
    if (headers.contentLength > limits.maxBodyBytes) {
        return error(413, "request body of " + std::to_string(headers.contentLength) + " bytes exceeds " +
                              std::to_string(limits.maxBodyBytes) + " bytes");
    }
    const std::size_t total = headerEnd + 4 + headers.contentLength;
    if (buffer.size() < total) {
        result.bytesNeeded = total;
        return result;
    }
    HttpRequest& request = result.request;
    request.body = buffer.substr(headerEnd + 4, headers.contentLength);
    request.keepAlive = request.minorVersion >= 1 ? !headers.connectionClose
                                                  : headers.connectionKeepAlive && !headers.connectionClose;
    result.state = State::Complete;
    result.consumed = total;
    return result;
}

} // namespace perflab
