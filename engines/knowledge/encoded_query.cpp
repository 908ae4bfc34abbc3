// Encoding constants to term ids and matching facts against patterns.
#include "engines/knowledge/encoded_query.h"

#include "collectors/zones/zone.h"

#include <algorithm>

namespace perflab::engines::knowledge {

EncodedQuery encode(const PatternQuery& query, const TermDictionary& terms) {
    PERFLAB_ZONE("knowledge.encode");
    EncodedQuery encoded;
    encoded.variableCount = query.variables.size();
    for (const TriplePattern& pattern : query.where) {
        EncodedPattern slots;
        for (std::size_t position = 0; position < 3; ++position) {
            const QueryTerm& term = pattern[position];
            slots.slots[position] = term.isVariable()
                                        ? PatternSlot{true, static_cast<TermId>(term.variable)}
                                        : PatternSlot{false, terms.find(term.constant).value_or(kNoSuchTerm)};
        }
        encoded.patterns.push_back(slots);
    }
    return encoded;
}

bool extend(const EncodedPattern& pattern, const Fact& fact, std::span<const TermId> row,
            std::span<TermId> next) {
    // Constants first: they reject most facts before any copying.
    for (std::size_t position = 0; position < 3; ++position) {
        const PatternSlot& slot = pattern.slots[position];
        if (!slot.isVariable && slot.value != positionOf(fact, position)) {
            return false;
        }
    }
    std::copy(row.begin(), row.end(), next.begin());
    for (std::size_t position = 0; position < 3; ++position) {
        const PatternSlot& slot = pattern.slots[position];
        if (!slot.isVariable) {
            continue;
        }
        TermId& bound = next[slot.value];
        const TermId value = positionOf(fact, position);
        if (bound == kUnbound) {
            bound = value;
        } else if (bound != value) {
            return false;
        }
    }
    return true;
}

void project(const PatternQuery& query, std::span<const TermId> row, std::vector<TermId>& out) {
    for (const int variable : query.select) {
        out.push_back(row[static_cast<std::size_t>(variable)]);
    }
}

} // namespace perflab::engines::knowledge
