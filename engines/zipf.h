// Zipf-distributed ranks for the engines' request mixes: rank k (0 = the most popular) is drawn with
// probability proportional to 1 / (k + 1)^s, as popularity falls off in real catalogues.
#pragma once

#include "engines/seeded_random.h"

#include <cstddef>
#include <vector>

namespace perflab::engines {

class ZipfRanks {
public:
    // n > 0 ranks, exponent s >= 0 (0: uniform; ~1: a typical catalogue's popularity).
    ZipfRanks(std::size_t n, double s);
    std::size_t size() const noexcept { return m_cumulative.size(); }
    // A rank in [0, n).
    std::size_t operator()(SeededRandom& random) const noexcept;

private:
    std::vector<double> m_cumulative; // normalised: the last entry is 1
};

} // namespace perflab::engines
