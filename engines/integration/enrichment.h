// The integration engine's contract, shared by both variants: which items a request names, and the
// enriched, aggregated answer built from the items the upstream returned.
#pragma once

#include "engines/engine.h"
#include "engines/integration/item_catalog.h"

#include <cstdint>
#include <string_view>
#include <vector>

namespace perflab::engines::integration {

constexpr std::size_t kMaxItemsPerRequest = 64;
// Items in the sample request: a page of a basket or a search result, each needing its own upstream call.
constexpr std::size_t kSampleItems = 12;

// One item of an answer.
struct EnrichedItem {
    Item item;
    // >= 0: served from the last good answer, this many ms old, because the upstream failed.
    std::int64_t staleAgeMs = -1;
};

// {"items":[17,42,...]} -> the ids; throws std::invalid_argument naming what is wrong.
std::vector<std::uint32_t> parseItemIds(std::string_view request);
// Items in request order, with totals, stock and per-category counts; "stale": true when any item is.
std::string answerJson(const std::vector<EnrichedItem>& items);
Response errorResponse(int status, const std::string& message);
// The scenario's default request: kSampleItems distinct ids picked by the seed.
std::string sampleItemsRequest(unsigned seed);

} // namespace perflab::engines::integration
