// Cardinality statistics the planner estimates with: per predicate, how many facts and how many
// distinct subjects and objects; the same over all facts for patterns with a variable predicate.
#pragma once

#include "engines/knowledge/triple_index.h"

#include <unordered_map>

namespace perflab::engines::knowledge {

struct TermCounts {
    std::size_t facts = 0;
    std::size_t distinctSubjects = 0;
    std::size_t distinctObjects = 0;
};

class CardinalityStats {
public:
    explicit CardinalityStats(const TripleIndex& index);

    // Counts for facts with this predicate (all zero for an unused one).
    const TermCounts& forPredicate(TermId predicate) const;
    const TermCounts& overall() const noexcept { return m_overall; }
    std::size_t distinctPredicates() const noexcept { return m_byPredicate.size(); }

private:
    TermCounts m_overall;
    std::unordered_map<TermId, TermCounts> m_byPredicate;
};

} // namespace perflab::engines::knowledge
