// Tests of engines/integration/item_cache.h: fresh within its bound, the last good answer however old.
#include "engines/integration/item_cache.h"

#include <catch2/catch.hpp>

using namespace perflab::engines::integration;
using namespace std::chrono_literals;

TEST_CASE("a cached item is fresh until its bound and remains the last good answer after") {
    ItemCache cache(1000ms);
    const ItemCache::Clock::time_point start{};
    CHECK_FALSE(cache.fresh(7, start));
    CHECK_FALSE(cache.lastGood(7));
    const Item item = catalogItem(7, 42);
    cache.remember(item, start);
    CHECK(cache.fresh(7, start + 999ms) == item);
    CHECK_FALSE(cache.fresh(7, start + 1000ms));
    REQUIRE(cache.lastGood(7));
    CHECK(cache.lastGood(7)->item == item);
    CHECK(cache.lastGood(7)->fetchedAt == start);
    cache.remember(item, start + 5s); // fetched again: fresh again
    CHECK(cache.fresh(7, start + 5500ms) == item);
    CHECK_FALSE(cache.fresh(8, start + 5500ms));
}
