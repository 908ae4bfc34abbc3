// Sorting the dictionary once, when an engine is made.
#include "engines/knowledge/term_order.h"

#include <algorithm>
#include <numeric>

namespace perflab::engines::knowledge {

TermOrder::TermOrder(const TermDictionary& terms)
    : m_byRank(terms.size())
    , m_rankOf(terms.size()) {
    std::iota(m_byRank.begin(), m_byRank.end(), TermId{0});
    std::sort(m_byRank.begin(), m_byRank.end(),
              [&](TermId a, TermId b) { return terms.text(a) < terms.text(b); });
    for (std::size_t rank = 0; rank < m_byRank.size(); ++rank) {
        m_rankOf[m_byRank[rank]] = static_cast<std::uint32_t>(rank);
    }
}

} // namespace perflab::engines::knowledge
