// libFuzzer target for the response parser: no crash, and the same responses (status, body, keep-alive)
// whether the bytes arrive at once or split where the first byte says; the body kept is as long as counted.
#include "model/http/response_parser.h"

#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

namespace {

using perflab::HttpResponseParser;
using Result = HttpResponseParser::Result;

struct Parsed {
    Result result;
    int status;
    std::string body;
    bool keepAlive;
    bool operator==(const Parsed&) const = default;
};

// Plays the connection: appends each chunk to what is left unconsumed, parses responses one after another
// (at most 8), then reports the peer closing.
std::vector<Parsed> parseAll(const std::vector<std::string_view>& chunks) {
    std::vector<Parsed> responses;
    HttpResponseParser parser;
    parser.reset(false);
    std::string pending;
    std::string body;
    auto finish = [&](Result result) {
        if (body.size() != parser.bodyBytes())
            std::abort();
        responses.push_back({result, parser.status(), std::move(body), parser.keepAlive()});
        body.clear();
        parser.reset(false);
        return result == Result::Done && responses.size() < 8;
    };
    for (std::string_view chunk : chunks) {
        pending += chunk;
        for (;;) {
            std::size_t consumed = 0;
            const Result result = parser.parse(pending, consumed, &body);
            if (consumed > pending.size())
                std::abort();
            pending.erase(0, consumed);
            if (result == Result::NeedMore)
                break;
            if (!finish(result))
                return responses;
        }
    }
    finish(parser.finishAtEof());
    return responses;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 1)
        return 0;
    const std::string_view bytes(reinterpret_cast<const char*>(data + 1), size - 1);
    const std::size_t split = bytes.empty() ? 0 : data[0] % (bytes.size() + 1);
    const auto whole = parseAll({bytes});
    const auto pieces = parseAll({bytes.substr(0, split), bytes.substr(split)});
    if (whole != pieces)
        std::abort();
    return 0;
}
