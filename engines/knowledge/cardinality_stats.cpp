// Counting facts and distinct terms in one pass over each sorted permutation: equal keys are adjacent.
#include "engines/knowledge/cardinality_stats.h"

namespace perflab::engines::knowledge {

CardinalityStats::CardinalityStats(const TripleIndex& index) {
    const std::span<const Fact> pos = index.sorted(Order::POS);
    m_overall.facts = pos.size();
    for (std::size_t i = 0; i < pos.size(); ++i) {
        TermCounts& counts = m_byPredicate[pos[i].predicate];
        ++counts.facts;
        if (i == 0 || pos[i].predicate != pos[i - 1].predicate || pos[i].object != pos[i - 1].object) {
            ++counts.distinctObjects;
        }
    }
    const std::span<const Fact> spo = index.sorted(Order::SPO);
    for (std::size_t i = 0; i < spo.size(); ++i) {
        const bool newSubject = i == 0 || spo[i].subject != spo[i - 1].subject;
        m_overall.distinctSubjects += newSubject ? 1 : 0;
        if (newSubject || spo[i].predicate != spo[i - 1].predicate) {
            ++m_byPredicate[spo[i].predicate].distinctSubjects;
        }
    }
    const std::span<const Fact> osp = index.sorted(Order::OSP);
    for (std::size_t i = 0; i < osp.size(); ++i) {
        m_overall.distinctObjects += i == 0 || osp[i].object != osp[i - 1].object ? 1 : 0;
    }
}

const TermCounts& CardinalityStats::forPredicate(TermId predicate) const {
    static const TermCounts kNone;
    const auto it = m_byPredicate.find(predicate);
    return it == m_byPredicate.end() ? kNone : it->second;
}

} // namespace perflab::engines::knowledge
