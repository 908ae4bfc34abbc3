// HTTP/1.1 response framing (RFC 9112 section 6): decides where a response ends, copying its body only when
// asked.
#include "model/http/response_parser.h"

#include "model/http/header_fields.h"

#include <algorithm>
#include <charconv>

namespace perflab {

namespace {
// Whether a Warning value (a comma-separated list of `code agent "text"`) holds code 110, "Response is
// Stale".
bool hasStaleWarning(std::string_view value) noexcept {
    for (std::size_t at = 0; at <= value.size();) {
        const std::size_t comma = std::min(value.find(',', at), value.size());
        const std::string_view warning = trimSpaces(value.substr(at, comma - at));
        if (warning.substr(0, 3) == "110" && (warning.size() == 3 || warning[3] == ' '))
            return true;
        at = comma + 1;
    }
    return false;
}
} // namespace

void HttpResponseParser::reset(bool headRequest) noexcept {
    *this = HttpResponseParser{};
    m_headRequest = headRequest;
}

HttpResponseParser::Result HttpResponseParser::fail(const char* problem) noexcept {
    m_error = problem;
    return Result::Error;
}

HttpResponseParser::Result HttpResponseParser::parse(std::string_view data, std::size_t& consumed,
                                                     std::string* body) {
    consumed = 0;
    while (m_state != State::Done) {
        const std::string_view rest = data.substr(consumed);
        if (m_state == State::Body || m_state == State::ChunkData || m_state == State::UntilClose) {
            if (rest.empty())
                return Result::NeedMore;
            consumed += consumeBody(rest, body);
            continue;
        }
        const std::size_t newline = rest.find('\n');
        if (newline == std::string_view::npos)
            return Result::NeedMore;
        std::string_view line = rest.substr(0, newline);
        if (!line.empty() && line.back() == '\r')
            line.remove_suffix(1);
        consumed += newline + 1;
        if (const Result r = parseLine(line); r == Result::Error)
            return r;
    }
    return Result::Done;
}

HttpResponseParser::Result HttpResponseParser::parseLine(std::string_view line) noexcept {
    switch (m_state) {
    case State::StatusLine:
        return parseStatusLine(line) ? Result::NeedMore : fail("no HTTP/1.x status line");
    case State::Headers:
        if (line.empty())
            return startBody();
        return parseHeader(line) ? Result::NeedMore : fail("malformed header line");
    case State::ChunkSize: {
        const std::string_view hex = line.substr(0, line.find(';'));
        const auto [end, ec] = std::from_chars(hex.data(), hex.data() + hex.size(), m_remaining, 16);
        if (hex.empty() || ec != std::errc() || (end != hex.data() + hex.size() && *end != ' '))
            return fail("malformed chunk size");
        m_state = m_remaining == 0 ? State::Trailers : State::ChunkData;
        return Result::NeedMore;
    }
    case State::ChunkEnd:
        if (!line.empty())
            return fail("chunk data longer than its declared size");
        m_state = State::ChunkSize;
        return Result::NeedMore;
    case State::Trailers:
        if (line.empty())
            m_state = State::Done;
        return Result::NeedMore;
    case State::Body:
    case State::ChunkData:
    case State::UntilClose:
    case State::Done:
        break;
    }
    return Result::NeedMore;
}

bool HttpResponseParser::parseStatusLine(std::string_view line) noexcept {
    // "HTTP/1.1 200 OK": the version's minor digit decides the default of keep-alive.
    if (line.size() < 12 || line.substr(0, 7) != "HTTP/1." || line[8] != ' ' ||
        (line.size() > 12 && line[12] != ' '))
        return false;
    const auto [end, ec] = std::from_chars(line.data() + 9, line.data() + 12, m_status);
    if (ec != std::errc() || end != line.data() + 12 || m_status < 100)
        return false;
    m_keepAlive = line[7] != '0';
    m_state = State::Headers;
    return true;
}

bool HttpResponseParser::parseHeader(std::string_view line) noexcept {
    const std::size_t colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0)
        return false;
    const std::string_view name = line.substr(0, colon);
    const std::string_view value = trimSpaces(line.substr(colon + 1));

    if (equalsIgnoringCase(name, "content-length")) {
        const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), m_remaining);
        if (value.empty() || ec != std::errc() || end != value.data() + value.size())
            return false;
        m_hasLength = true;
    } else if (equalsIgnoringCase(name, "transfer-encoding")) {
        m_chunked = hasToken(value, "chunked");
    } else if (equalsIgnoringCase(name, "connection")) {
        if (hasToken(value, "close"))
            m_keepAlive = false;
        else if (hasToken(value, "keep-alive"))
            m_keepAlive = true;
    } else if (equalsIgnoringCase(name, "warning")) {
        m_stale = m_stale || hasStaleWarning(value);
    } else if (equalsIgnoringCase(name, "age")) {
        // RFC 9111 section 5.1: a non-negative number of seconds; one we cannot read leaves the age at 0.
        std::int64_t seconds = 0;
        const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), seconds);
        if (ec == std::errc() && end == value.data() + value.size() && seconds >= 0)
            m_ageSeconds = seconds;
    }
    return true;
}

HttpResponseParser::Result HttpResponseParser::startBody() noexcept {
    if (m_status < 200) { // 100 Continue and friends: the real response follows
        const bool head = m_headRequest;
        reset(head);
        return Result::NeedMore;
    }
    if (m_headRequest || m_status == 204 || m_status == 304) {
        m_state = State::Done;
    } else if (m_chunked) {
        m_state = State::ChunkSize;
    } else if (m_hasLength) {
        m_state = m_remaining == 0 ? State::Done : State::Body;
    } else {
        m_untilClose = true;
        m_state = State::UntilClose;
    }
    return Result::NeedMore;
}

std::size_t HttpResponseParser::consumeBody(std::string_view data, std::string* body) {
    const std::size_t take =
        m_state == State::UntilClose
            ? data.size()
            : static_cast<std::size_t>(std::min<std::uint64_t>(m_remaining, data.size()));
    if (body)
        body->append(data.substr(0, take));
    m_bodyBytes += take;
    if (m_state == State::UntilClose)
        return take;
    m_remaining -= take;
    if (m_remaining == 0)
        m_state = m_state == State::Body ? State::Done : State::ChunkEnd;
    return take;
}

HttpResponseParser::Result HttpResponseParser::finishAtEof() noexcept {
    if (m_state == State::UntilClose) {
        m_state = State::Done;
        return Result::Done;
    }
    return fail("connection closed before the response was complete");
}

} // namespace perflab
