// The knowledge engine's request mix: the questions a real client asks the fact store, about products,
// cities, companies and people chosen by Zipf popularity (rank 0 the most asked about), as the store's own
// popularity falls off. Both variants draw it from their store, so the same store, count and seed give the
// same requests.
#pragma once

#include "engines/engine.h"
#include "engines/knowledge/term_dictionary.h"

namespace perflab::engines::knowledge {

// How many entities of each kind a store names ("product:0" .. "product:N-1" and so on).
struct EntityCounts {
    std::size_t people = 0, companies = 0, cities = 0, products = 0;
};
EntityCounts countEntities(const TermDictionary& terms);

// Throws std::invalid_argument when the store names no entity of a kind the mix asks about.
RequestMix drawKnowledgeMix(const EntityCounts& entities, std::size_t count, std::uint64_t seed);

} // namespace perflab::engines::knowledge
