// Response heads in one fixed header order (Content-Type, framing, Connection, extras), appended in place,
// so a server writes pipelined responses into one buffer.
#include "model/http/response_writer.h"

#include <charconv>

namespace perflab {

namespace {

void appendNumber(std::string& out, std::size_t value, int base = 10) {
    char digits[24];
    const auto end = std::to_chars(digits, digits + sizeof digits, value, base).ptr;
    out.append(digits, end);
}

// The status line and the Content-Type; the framing header follows, unterminated.
void beginHead(std::string& out, const ResponseHead& head) {
    out += "HTTP/1.1 ";
    appendNumber(out, static_cast<std::size_t>(head.status));
    out += ' ';
    out += reasonPhrase(head.status);
    out += "\r\n";
    if (!head.contentType.empty()) {
        out += "Content-Type: ";
        out += head.contentType;
        out += "\r\n";
    }
}

// Ends the framing header's line, then Connection, the extra headers and the blank line.
void endHead(std::string& out, const ResponseHead& head) {
    out += head.keepAlive ? "\r\nConnection: keep-alive\r\n" : "\r\nConnection: close\r\n";
    out += head.extraHeaders;
    out += "\r\n";
}

} // namespace

std::string_view reasonPhrase(int status) noexcept {
    switch (status) {
    case 200:
        return "OK";
    case 400:
        return "Bad Request";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 411:
        return "Length Required";
    case 413:
        return "Content Too Large";
    case 431:
        return "Request Header Fields Too Large";
    case 500:
        return "Internal Server Error";
    case 503:
        return "Service Unavailable";
    case 505:
        return "HTTP Version Not Supported";
    default:
        return status < 400 ? "OK" : status < 500 ? "Client Error" : "Server Error";
    }
}

void appendResponse(std::string& out, const ResponseHead& head, std::string_view body) {
    beginHead(out, head);
    out += "Content-Length: ";
    appendNumber(out, body.size());
    endHead(out, head);
    out += body;
}

void appendChunkedHead(std::string& out, const ResponseHead& head) {
    beginHead(out, head);
    out += "Transfer-Encoding: chunked";
    endHead(out, head);
}

void appendChunk(std::string& out, std::string_view data, std::string_view extension) {
    appendNumber(out, data.size(), 16);
    if (!extension.empty()) {
        out += ';';
        out += extension;
    }
    out += "\r\n";
    out += data;
    out += "\r\n";
}

void appendLastChunk(std::string& out, std::string_view trailers) {
    out += "0\r\n";
    out += trailers;
    out += "\r\n";
}

} // namespace perflab
