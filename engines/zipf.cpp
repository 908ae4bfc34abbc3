// Zipf ranks by inversion of the cumulative distribution: exact for any exponent, O(log n) a draw.
#include "engines/zipf.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace perflab::engines {

ZipfRanks::ZipfRanks(std::size_t n, double s) {
    if (n == 0 || !(s >= 0))
        throw std::invalid_argument("Zipf ranks need n > 0 and an exponent >= 0");
    m_cumulative.resize(n);
    double total = 0;
    for (std::size_t k = 0; k < n; ++k)
        m_cumulative[k] = total += std::pow(static_cast<double>(k + 1), -s);
    for (double& c : m_cumulative)
        c /= total;
    m_cumulative.back() = 1;
}

std::size_t ZipfRanks::operator()(SeededRandom& random) const noexcept {
    const double draw = random.unit();
    const auto it = std::upper_bound(m_cumulative.begin(), m_cumulative.end(), draw);
    return std::min(static_cast<std::size_t>(it - m_cumulative.begin()), m_cumulative.size() - 1);
}

} // namespace perflab::engines
