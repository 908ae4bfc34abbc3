// The engines' seeded random numbers: splitmix64, the same sequence on every platform (no std
// distributions), so a seed names the same table, cluster or batch everywhere.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <iterator>

namespace perflab::engines {

class SeededRandom {
public:
    // `salt` (a shift) keeps engines given the same seed from drawing the same sequence.
    SeededRandom(unsigned seed, unsigned salt)
        : m_state(0x9E3779B97F4A7C15ULL ^ (static_cast<std::uint64_t>(seed) << salt)) {}

    std::uint64_t next() noexcept {
        std::uint64_t z = (m_state += 0x9E3779B97F4A7C15ULL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        return z ^ (z >> 31);
    }
    double unit() noexcept { return static_cast<double>(next() >> 11) * 0x1.0p-53; } // [0, 1)
    std::size_t below(std::size_t bound) noexcept {
        return static_cast<std::size_t>(unit() * static_cast<double>(bound));
    }
    // The index of one of `items`, drawn with probability share(item) (the shares add up to 1; the last item
    // takes what rounding leaves): a request mix's shapes by their share of the traffic.
    template <class Items, class Share> std::size_t byShare(const Items& items, Share share) noexcept {
        double draw = unit();
        const std::size_t last = std::size(items) - 1;
        for (std::size_t i = 0; i < last; ++i) {
            const double part = std::invoke(share, items[i]);
            if (draw < part)
                return i;
            draw -= part;
        }
        return last;
    }

private:
    std::uint64_t m_state;
};

// A 64-bit seed folded into the 32 bits SeededRandom takes, so every bit of it counts (the request mixes').
inline unsigned foldSeed(std::uint64_t seed) noexcept {
    return static_cast<unsigned>(seed ^ (seed >> 32));
}

} // namespace perflab::engines
