// The integration engine's request mix: pages and baskets as a shop's clients ask for them, mostly a few
// items, sometimes a long list, with ids as popular as a real catalogue's.
#pragma once

#include "engines/engine.h"

#include <cstddef>
#include <cstdint>

namespace perflab::engines::integration {

// The upstream answers any id; a client's ids come from this many items, 1 to kCatalogueItems.
constexpr std::uint32_t kCatalogueItems = 100'000;
// Popularity falls off as 1 / rank^kItemPopularity, a typical catalogue's Zipf exponent.
constexpr double kItemPopularity = 1.0;

// Shapes by fan-out band: "1-4 items" (60 %), "5-16 items" (30 %), "17-64 items" (10 %), the fan-out
// uniform within its band; distinct ids within a request, Zipf-chosen over the whole catalogue, with the
// popular ranks scattered over the ids. The first requests take one of each shape, so every shape has some
// when count allows.
RequestMix itemRequestMix(std::size_t count, std::uint64_t seed);

// The id of popularity rank `rank` (0: the most popular): a fixed permutation of 1..kCatalogueItems.
std::uint32_t itemOfRank(std::size_t rank) noexcept;

} // namespace perflab::engines::integration
