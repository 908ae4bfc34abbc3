// HTTP/1.1 framing of the upstream's API on the client side, shared by the blocking and the pooled client:
// the request for one item, and cutting one reply out of the bytes received so far.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace perflab::engines::integration {

struct UpstreamReply {
    int status = 0;
    std::string body;
    bool keepAlive = true; // false: the upstream closes the connection after this reply
};

std::string itemRequest(std::uint32_t id, bool keepAlive);
// One keep-alive call for up to kMaxBatchItems items (upstream.h).
std::string batchRequest(const std::vector<std::uint32_t>& ids);
// Removes one complete reply from the front of `received`; nullopt while it is incomplete (a reply without
// Content-Length or chunks runs until the upstream closes: the callers then report the early close). Throws
// std::runtime_error quoting the start of what arrived when it is not an HTTP/1.x reply.
std::optional<UpstreamReply> takeReply(std::string& received);

} // namespace perflab::engines::integration
