// Parsing the result cache setting.
#include "model/scenario/cache_setting.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <stdexcept>

namespace perflab {

namespace {

constexpr std::string_view kForms = "expected \"lru\", \"off\" or \"redis://host[:port]\"";

[[noreturn]] void reject(std::string_view text, std::string_view problem) {
    throw std::invalid_argument(std::string(problem) + " in \"" + std::string(text) + "\" (" +
                                std::string(kForms) + ")");
}

} // namespace

CacheSetting parseCacheSetting(std::string_view text) {
    if (text.empty() || text == "lru") {
        return {};
    }
    if (text == "off") {
        return {CacheSetting::Kind::Off, {}, CacheSetting::kRedisDefaultPort};
    }
    constexpr std::string_view kScheme = "redis://";
    if (!text.starts_with(kScheme)) {
        throw std::invalid_argument("unknown result cache \"" + std::string(text) + "\" (" +
                                    std::string(kForms) + ")");
    }
    const std::string_view authority = text.substr(kScheme.size());
    const std::size_t colon = authority.rfind(':');
    const std::string_view host = authority.substr(0, colon);
    const bool hostOk = !host.empty() && std::all_of(host.begin(), host.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '_';
    });
    if (!hostOk) {
        reject(text, "the host must be a host name or IPv4 address (no path, user or password)");
    }
    CacheSetting setting{CacheSetting::Kind::Redis, std::string(host), CacheSetting::kRedisDefaultPort};
    if (colon != std::string_view::npos) {
        const std::string_view port = authority.substr(colon + 1);
        unsigned value = 0;
        const auto [end, error] = std::from_chars(port.data(), port.data() + port.size(), value);
        if (port.empty() || error != std::errc{} || end != port.data() + port.size() || value < 1 ||
            value > 65535) {
            reject(text, "the port must be a number from 1 to 65535");
        }
        setting.port = static_cast<std::uint16_t>(value);
    }
    return setting;
}

} // namespace perflab
