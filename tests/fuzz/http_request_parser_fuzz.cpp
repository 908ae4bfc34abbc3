// libFuzzer target for the engine server's request parser: no crash, no read outside the buffer, and the
// same answer however the bytes arrive (a prefix of a request is never an error or a different request).
#include "model/http/request_parser.h"

#include <cstdint>
#include <cstdlib>
#include <string_view>

namespace {

using perflab::HttpLimits;
using perflab::HttpParseResult;
using perflab::parseHttpRequest;
using State = HttpParseResult::State;

void require(bool condition) {
    if (!condition)
        std::abort();
}

bool inside(std::string_view part, std::string_view buffer) {
    return part.empty() ||
           (part.data() >= buffer.data() && part.data() + part.size() <= buffer.data() + buffer.size());
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view buffer(reinterpret_cast<const char*>(data), size);
    const HttpLimits limits{.maxHeaderBytes = 2048, .maxBodyBytes = 4096};
    const HttpParseResult whole = parseHttpRequest(buffer, limits);
    switch (whole.state) {
    case State::Complete: {
        require(whole.consumed > 0 && whole.consumed <= size);
        const auto& request = whole.request;
        require(inside(request.method, buffer) && inside(request.target, buffer) &&
                inside(request.body, buffer));
        require(request.body.size() <= limits.maxBodyBytes);
        const HttpParseResult exact = parseHttpRequest(buffer.substr(0, whole.consumed), limits);
        require(exact.state == State::Complete && exact.consumed == whole.consumed);
        require(exact.request.body == request.body && exact.request.keepAlive == request.keepAlive);
        // One byte short is never an error, nor a different request: the server waits for the rest.
        const HttpParseResult shorter = parseHttpRequest(buffer.substr(0, whole.consumed - 1), limits);
        require(shorter.state == State::NeedMore);
        break;
    }
    case State::NeedMore:
        require(whole.bytesNeeded == 0 || whole.bytesNeeded > size);
        break;
    case State::Error:
        require(whole.errorStatus >= 400 && whole.errorStatus <= 505 && !whole.errorMessage.empty());
        break;
    }
    return 0;
}
