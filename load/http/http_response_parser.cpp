// HTTP/1.1 response framing (RFC 9112 section 6): decides where a response ends without copying its body.
#include "load/http/http_response_parser.h"

#include <algorithm>
#include <charconv>

namespace perflab::load {
namespace {

char lower(char c) noexcept {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

bool equalsNoCase(std::string_view a, std::string_view b) noexcept {
    return a.size() == b.size() &&
           std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) { return lower(x) == lower(y); });
}

bool containsToken(std::string_view list, std::string_view token) noexcept {
    while (!list.empty()) {
        const std::size_t comma = list.find(',');
        std::string_view item = list.substr(0, comma);
        while (!item.empty() && (item.front() == ' ' || item.front() == '\t'))
            item.remove_prefix(1);
        while (!item.empty() && (item.back() == ' ' || item.back() == '\t'))
            item.remove_suffix(1);
        if (equalsNoCase(item, token))
            return true;
        if (comma == std::string_view::npos)
            break;
        list.remove_prefix(comma + 1);
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

HttpResponseParser::Result HttpResponseParser::parse(std::string_view data, std::size_t& consumed) noexcept {
    consumed = 0;
    while (m_state != State::Done) {
        const std::string_view rest = data.substr(consumed);
        if (m_state == State::Body || m_state == State::ChunkData || m_state == State::UntilClose) {
            if (rest.empty())
                return Result::NeedMore;
            consumed += consumeBody(rest);
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
        return parseStatusLine(line) ? Result::NeedMore : fail("malformed status line");
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
    std::string_view value = line.substr(colon + 1);
    while (!value.empty() && (value.front() == ' ' || value.front() == '\t'))
        value.remove_prefix(1);
    while (!value.empty() && (value.back() == ' ' || value.back() == '\t'))
        value.remove_suffix(1);

    if (equalsNoCase(name, "content-length")) {
        const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), m_remaining);
        if (value.empty() || ec != std::errc() || end != value.data() + value.size())
            return false;
        m_hasLength = true;
    } else if (equalsNoCase(name, "transfer-encoding")) {
        m_chunked = containsToken(value, "chunked");
    } else if (equalsNoCase(name, "connection")) {
        if (containsToken(value, "close"))
            m_keepAlive = false;
        else if (containsToken(value, "keep-alive"))
            m_keepAlive = true;
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

std::size_t HttpResponseParser::consumeBody(std::string_view data) noexcept {
    if (m_state == State::UntilClose) {
        m_bodyBytes += data.size();
        return data.size();
    }
    const std::size_t take = static_cast<std::size_t>(std::min<std::uint64_t>(m_remaining, data.size()));
    m_remaining -= take;
    m_bodyBytes += take;
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

} // namespace perflab::load
