// Parsing of http:// URLs; anything the client cannot speak (https, other schemes) is a clear error.
#include "load/http/url.h"

#include "model/http/header_fields.h"

#include <charconv>
#include <stdexcept>

namespace perflab::load {
namespace {

[[noreturn]] void fail(std::string_view url, std::string_view problem) {
    throw std::invalid_argument("URL '" + std::string(url) + "': " + std::string(problem));
}

std::uint16_t parsePort(std::string_view url, std::string_view text) {
    unsigned value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || ec != std::errc() || end != text.data() + text.size() || value == 0 || value > 65535)
        fail(url, "the port '" + std::string(text) + "' is not a number from 1 to 65535");
    return static_cast<std::uint16_t>(value);
}

} // namespace

Url parseUrl(std::string_view url) {
    if (startsWithIgnoringCase(url, "https://"))
        fail(url, "https is not supported; the load client speaks plain http:// (put a TLS proxy in front)");
    if (!startsWithIgnoringCase(url, "http://"))
        fail(url, "expected a URL starting with http://");
    const std::string_view rest = url.substr(7);
    const std::size_t slash = rest.find_first_of("/?#");
    const std::string_view authority = rest.substr(0, slash);
    if (authority.find('@') != std::string_view::npos)
        fail(url, "credentials in the URL are not supported; send an Authorization header instead");

    Url result;
    std::string_view portText;
    if (!authority.empty() && authority.front() == '[') {
        const std::size_t close = authority.find(']');
        if (close == std::string_view::npos)
            fail(url, "an IPv6 address must be closed with ']'");
        result.host = std::string(authority.substr(1, close - 1));
        const std::string_view after = authority.substr(close + 1);
        if (!after.empty() && after.front() != ':')
            fail(url, "unexpected text after the IPv6 address");
        portText = after.empty() ? std::string_view{} : after.substr(1);
        if (!after.empty() && portText.empty())
            fail(url, "empty port after ':'");
    } else {
        const std::size_t colon = authority.find(':');
        result.host = std::string(authority.substr(0, colon));
        if (colon != std::string_view::npos) {
            portText = authority.substr(colon + 1);
            if (portText.empty())
                fail(url, "empty port after ':'");
        }
    }
    if (result.host.empty())
        fail(url, "the host is missing");
    if (!portText.empty())
        result.port = parsePort(url, portText);

    if (slash != std::string_view::npos) {
        std::string_view target = rest.substr(slash);
        target = target.substr(0, target.find('#')); // fragments never go on the wire
        result.target.clear();
        if (target.empty() || target.front() != '/')
            result.target.push_back('/');
        result.target += target;
    }
    const bool bracketed = authority.front() == '[';
    if (bracketed)
        result.hostHeader.push_back('[');
    result.hostHeader += result.host;
    if (bracketed)
        result.hostHeader += ']';
    if (result.port != 80) {
        result.hostHeader += ':';
        result.hostHeader += std::to_string(result.port);
    }
    return result;
}

} // namespace perflab::load
