// Parsing of the plain-HTTP URLs a scenario names (http://host[:port]/path?query) into what a request needs.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace perflab::load {

struct Url {
    std::string host; // without brackets for IPv6 literals
    std::uint16_t port = 80;
    std::string target = "/"; // path and query, as sent on the request line
    std::string hostHeader;   // host[:port] as the Host header carries it
};

// Throws std::invalid_argument naming the URL and what is wrong (https, missing host, bad port, ...).
Url parseUrl(std::string_view url);

} // namespace perflab::load
