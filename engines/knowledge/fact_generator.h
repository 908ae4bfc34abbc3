// A deterministic, realistically skewed fact store (people, companies, cities, products) built from a
// seed: popularity follows Zipf's law, so a few cities, employers and products dominate and join order
// matters.
#pragma once

#include "engines/knowledge/fact_store.h"

#include <cstddef>

namespace perflab::engines::knowledge {

// `count` facts (fewer only when count is too small to hold every entity). Entity ids are popularity ranks:
// city:0 is the largest city, product:0 the best seller.
FactStore generateFacts(std::size_t count, unsigned seed);

} // namespace perflab::engines::knowledge
