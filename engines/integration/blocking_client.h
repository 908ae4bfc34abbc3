// The straightforward client: one new TCP connection per call, blocking send and receive, then close.
#pragma once

#include "engines/integration/upstream_reply.h"

#include <chrono>
#include <cstdint>
#include <string_view>

namespace perflab::engines::integration {

// Sends `request` to 127.0.0.1:port on a fresh connection and returns the reply. Throws
// std::runtime_error naming the step and the OS error (connect refused, reset, timed out, closed early).
UpstreamReply callOnce(std::uint16_t port, std::string_view request, std::chrono::milliseconds timeout);

} // namespace perflab::engines::integration
