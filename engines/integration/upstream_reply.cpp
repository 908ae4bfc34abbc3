// Reply framing: status line, Content-Length and Connection headers; the upstream never sends chunks.
#include "engines/integration/upstream_reply.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <stdexcept>
#include <string_view>

namespace perflab::engines::integration {

namespace {

[[noreturn]] void notAReply(std::string_view received, std::string_view why) {
    throw std::runtime_error("the upstream's reply " + std::string(why) + ": \"" +
                             std::string(received.substr(0, 80)) + "\"");
}

bool equalsIgnoringCase(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) ==
                      std::tolower(static_cast<unsigned char>(y));
           });
}

std::string_view trimmed(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
        text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t'))
        text.remove_suffix(1);
    return text;
}

} // namespace

std::string itemRequest(std::uint32_t id, bool keepAlive) {
    return "GET /items/" + std::to_string(id) +
           " HTTP/1.1\r\nHost: upstream\r\nAccept: application/json\r\n" +
           (keepAlive ? "" : "Connection: close\r\n") + "\r\n";
}

std::optional<UpstreamReply> takeReply(std::string& received) {
    const std::size_t headEnd = received.find("\r\n\r\n");
    if (headEnd == std::string::npos)
        return std::nullopt;
    const std::string_view head(received.data(), headEnd);
    UpstreamReply reply;
    if (head.size() < 12 || head.substr(0, 7) != "HTTP/1." ||
        std::from_chars(head.data() + 9, head.data() + 12, reply.status).ec != std::errc{})
        notAReply(received, "has no HTTP/1.x status line");
    reply.keepAlive = head[7] == '1';
    std::optional<std::size_t> length;
    for (std::size_t lineStart = head.find("\r\n"); lineStart != std::string_view::npos;) {
        lineStart += 2;
        const std::size_t lineEnd = std::min(head.find("\r\n", lineStart), head.size());
        const std::string_view line = head.substr(lineStart, lineEnd - lineStart);
        const std::size_t colon = line.find(':');
        const std::string_view name = line.substr(0, colon);
        const std::string_view value = colon == std::string_view::npos ? "" : trimmed(line.substr(colon + 1));
        std::size_t parsed = 0;
        if (equalsIgnoringCase(name, "Content-Length") &&
            std::from_chars(value.data(), value.data() + value.size(), parsed).ec == std::errc{})
            length = parsed;
        if (equalsIgnoringCase(name, "Connection"))
            reply.keepAlive = !equalsIgnoringCase(value, "close");
        lineStart = lineEnd < head.size() ? lineEnd : std::string_view::npos;
    }
    if (!length)
        notAReply(received, "has no Content-Length");
    const std::size_t bodyStart = headEnd + 4;
    if (received.size() < bodyStart + *length)
        return std::nullopt;
    reply.body = received.substr(bodyStart, *length);
    received.erase(0, bodyStart + *length);
    return reply;
}

} // namespace perflab::engines::integration
