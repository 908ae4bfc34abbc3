// Drawing the integration mix: a band by its share, a fan-out within it, then distinct Zipf-chosen ids.
#include "engines/integration/item_mix.h"

#include "engines/zipf.h"

#include <algorithm>
#include <array>
#include <nlohmann/json.hpp>

namespace perflab::engines::integration {

namespace {

struct FanOutBand {
    const char* name;
    double share;
    std::size_t fewest;
    std::size_t most;
};

constexpr std::array<FanOutBand, 3> kBands{{
    {"1-4 items", 0.6, 1, 4},
    {"5-16 items", 0.3, 5, 16},
    {"17-64 items", 0.1, 17, 64},
}};

// Coprime with kCatalogueItems, so rank -> id is a permutation; far from 1, so neighbours in popularity are
// far apart in ids, as in a real catalogue.
constexpr std::uint64_t kRankStride = 48'271;

std::string drawRequest(const FanOutBand& band, const ZipfRanks& ranks, SeededRandom& random) {
    const std::size_t fanOut = band.fewest + random.below(band.most - band.fewest + 1);
    std::vector<std::uint32_t> ids;
    ids.reserve(fanOut);
    while (ids.size() < fanOut) {
        const std::uint32_t id = itemOfRank(ranks(random));
        if (std::find(ids.begin(), ids.end(), id) == ids.end())
            ids.push_back(id);
    }
    return nlohmann::json{{"items", ids}}.dump();
}

} // namespace

std::uint32_t itemOfRank(std::size_t rank) noexcept {
    return static_cast<std::uint32_t>(1 + rank * kRankStride % kCatalogueItems);
}

RequestMix itemRequestMix(std::size_t count, std::uint64_t seed) {
    static const ZipfRanks ranks(kCatalogueItems, kItemPopularity); // 800 kB, made once
    SeededRandom random(foldSeed(seed), 7);
    RequestMix mix;
    for (const FanOutBand& band : kBands)
        mix.shapes.emplace_back(band.name);
    mix.requests.reserve(count);
    for (std::size_t i = 0; i < count; ++i) {
        const std::size_t band = i < kBands.size() ? i : random.byShare(kBands, &FanOutBand::share);
        mix.requests.push_back(
            {.shape = static_cast<std::uint32_t>(band), .body = drawRequest(kBands[band], ranks, random)});
    }
    return mix;
}

} // namespace perflab::engines::integration
