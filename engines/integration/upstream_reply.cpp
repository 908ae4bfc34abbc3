// The upstream's requests, and its replies cut out of the received bytes by the shared response parser.
#include "engines/integration/upstream_reply.h"

#include "model/http/response_parser.h"

#include <stdexcept>
#include <string_view>

namespace perflab::engines::integration {

std::string itemRequest(std::uint32_t id, bool keepAlive) {
    return "GET /items/" + std::to_string(id) +
           " HTTP/1.1\r\nHost: upstream\r\nAccept: application/json\r\n" +
           (keepAlive ? "" : "Connection: close\r\n") + "\r\n";
}

std::string batchRequest(const std::vector<std::uint32_t>& ids) {
    std::string target = "/items/batch/";
    for (const std::uint32_t id : ids)
        target += std::to_string(id) + ',';
    target.pop_back();
    return "GET " + target + " HTTP/1.1\r\nHost: upstream\r\nAccept: application/json\r\n\r\n";
}

std::optional<UpstreamReply> takeReply(std::string& received) {
    HttpResponseParser parser;
    parser.reset(false);
    UpstreamReply reply;
    std::size_t consumed = 0;
    const HttpResponseParser::Result result = parser.parse(received, consumed, &reply.body);
    if (result == HttpResponseParser::Result::Error)
        throw std::runtime_error("the upstream's reply is malformed (" + std::string(parser.error()) +
                                 "): \"" + std::string(std::string_view(received).substr(0, 80)) + "\"");
    if (result == HttpResponseParser::Result::NeedMore)
        return std::nullopt;
    reply.status = parser.status();
    reply.keepAlive = parser.keepAlive();
    received.erase(0, consumed);
    return reply;
}

} // namespace perflab::engines::integration
