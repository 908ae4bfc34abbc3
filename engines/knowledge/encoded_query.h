// A parsed query with its constants replaced by term ids, and the one rule both variants use to match
// a fact against a pattern under the bindings found so far.
#pragma once

#include "engines/knowledge/fact_store.h"
#include "engines/knowledge/pattern_query.h"

#include <array>
#include <span>
#include <vector>

namespace perflab::engines::knowledge {

// A variable no pattern has bound yet.
inline constexpr TermId kUnbound = std::numeric_limits<TermId>::max();

struct PatternSlot {
    bool isVariable = false;
    TermId value = 0; // the variable's index, or the constant's term id (kNoSuchTerm when no fact uses it)
};

struct EncodedPattern {
    std::array<PatternSlot, 3> slots; // subject, predicate, object
};

struct EncodedQuery {
    std::vector<EncodedPattern> patterns;
    std::size_t variableCount = 0;
};

EncodedQuery encode(const PatternQuery& query, const TermDictionary& terms);

inline TermId positionOf(const Fact& fact, std::size_t position) {
    return position == 0 ? fact.subject : position == 1 ? fact.predicate : fact.object;
}

// Writes `row` plus the bindings `fact` makes into `next` (both variableCount wide); false when the
// fact contradicts a constant or a binding, `next` is then garbage.
bool extend(const EncodedPattern& pattern, const Fact& fact, std::span<const TermId> row,
            std::span<TermId> next);

// Appends the selected columns of a complete row.
void project(const PatternQuery& query, std::span<const TermId> row, std::vector<TermId>& out);

} // namespace perflab::engines::knowledge
