// The engines' seeded random numbers: splitmix64, the same sequence on every platform (no std
// distributions), so a seed names the same table, cluster or batch everywhere.
#pragma once

#include <cstddef>
#include <cstdint>

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

private:
    std::uint64_t m_state;
};

} // namespace perflab::engines
