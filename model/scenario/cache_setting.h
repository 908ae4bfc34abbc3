// The knowledge engine's result cache setting, as a scenario's target.cache and `perflab serve --cache`
// write it: "lru" (in-process, the default), "off", or "redis://host[:port]".
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace perflab {

struct CacheSetting {
    enum class Kind { Lru, Off, Redis };
    static constexpr std::uint16_t kRedisDefaultPort = 6379;

    Kind kind = Kind::Lru;
    std::string host; // Redis only
    std::uint16_t port = kRedisDefaultPort;
};

// "" reads as "lru". Throws std::invalid_argument saying what is wrong and which forms are accepted.
CacheSetting parseCacheSetting(std::string_view text);

} // namespace perflab
