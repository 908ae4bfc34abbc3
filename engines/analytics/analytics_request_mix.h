// The analytics engine's request mix: what an analyst's dashboard sends, drawn from a seed. Both
// variants serve this one mix, so their figures compare the same work.
#pragma once

#include "engines/engine.h"
#include "engines/seeded_random.h"

#include <cstddef>
#include <cstdint>
#include <string>

namespace perflab::engines::analytics {

// The mix's shapes, in RequestMix::shapes order.
enum class MixShape : std::uint32_t {
    Total,
    GroupFewAggregates,
    GroupManyAggregates,
    SelectiveFilter,
    Percentiles
};

// The share of the sales table's rows a drawn filter selects, roughly (tests measure it).
enum class FilterSelectivity : std::uint8_t { All, Half, Tenth, Hundredth };

// A filter of that selectivity with drawn parameters ("" for All): "quantity > 10",
// "product >= 420 and product < 430", "channel == 2 and quantity <= 8"...
std::string drawFilter(FilterSelectivity selectivity, SeededRandom& random);

// `count` requests; the first ones take each shape once, so every shape has requests when count allows.
RequestMix analyticsRequestMix(std::size_t count, std::uint64_t seed);

} // namespace perflab::engines::analytics
