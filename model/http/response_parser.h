// Incremental HTTP/1.1 response parser: status line, headers, Content-Length / chunked / until-close bodies.
// The load generator's client and the integration engine's upstream clients read responses with it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace perflab {

// Parses in place over the caller's buffer and keeps no copy of the body unless asked: a load generator
// only needs the status, whether the connection stays open and where the response ends.
class HttpResponseParser {
public:
    enum class Result { NeedMore, Done, Error };

    // Prepares for the next response; a response to HEAD carries no body whatever its headers say.
    void reset(bool headRequest) noexcept;
    // Consumes what it can from data (whole lines only, so a partial line is left for the next call). With
    // `body`, appends the body bytes it consumes to it, chunk framing removed.
    Result parse(std::string_view data, std::size_t& consumed, std::string* body = nullptr);
    // The peer closed the connection: Done when the body runs until close, otherwise Error.
    Result finishAtEof() noexcept;

    int status() const noexcept { return m_status; }
    bool keepAlive() const noexcept { return m_keepAlive && !m_untilClose; }
    const char* error() const noexcept { return m_error; }
    std::uint64_t bodyBytes() const noexcept { return m_bodyBytes; }
    // >= 0: the response says it is stale, as HTTP caches do (`Warning: 110`), and this many ms old (its
    // `Age` in whole seconds; 0 without one). -1 for a fresh response.
    std::int64_t staleAgeMs() const noexcept { return m_stale ? m_ageSeconds * 1000 : -1; }

private:
    enum class State {
        StatusLine,
        Headers,
        Body,
        ChunkSize,
        ChunkData,
        ChunkEnd,
        Trailers,
        UntilClose,
        Done
    };

    Result fail(const char* problem) noexcept;
    bool parseStatusLine(std::string_view line) noexcept;
    bool parseHeader(std::string_view line) noexcept;
    Result startBody() noexcept;
    Result parseLine(std::string_view line) noexcept;
    std::size_t consumeBody(std::string_view data, std::string* body);

    State m_state = State::StatusLine;
    bool m_headRequest = false;
    int m_status = 0;
    bool m_keepAlive = true;
    bool m_chunked = false;
    bool m_untilClose = false;
    bool m_hasLength = false;
    bool m_stale = false;
    std::int64_t m_ageSeconds = 0;
    std::uint64_t m_remaining = 0;
    std::uint64_t m_bodyBytes = 0;
    const char* m_error = nullptr;
};

} // namespace perflab
