// The terms ranked by their text, so answers are sorted by comparing integers rather than strings.
#pragma once

#include "engines/knowledge/term_dictionary.h"

#include <vector>

namespace perflab::engines::knowledge {

class TermOrder {
public:
    // Ranks the dictionary's terms as they are now: terms interned later have no rank.
    explicit TermOrder(const TermDictionary& terms);

    std::uint32_t rank(TermId id) const { return m_rankOf[id]; }
    TermId termAt(std::uint32_t rank) const { return m_byRank[rank]; }
    std::size_t size() const noexcept { return m_byRank.size(); }

private:
    std::vector<TermId> m_byRank;
    std::vector<std::uint32_t> m_rankOf;
};

} // namespace perflab::engines::knowledge
