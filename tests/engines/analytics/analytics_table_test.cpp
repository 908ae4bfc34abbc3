// Tests the optimized variant's column store: narrow columns hold the rows' values exactly, and values
// that do not fit are refused with a message instead of being cut.
#include "engines/analytics/analytics_table.h"

#include <catch2/catch.hpp>

using namespace perflab::engines::analytics;

TEST_CASE("the column store holds every value of the generated rows exactly") {
    const std::vector<SalesRow> rows = generateRows(5'000, 9);
    const ColumnarTable table = ColumnarTable::fromRows(rows);
    REQUIRE(table.size() == rows.size());
    CHECK(table.discount.values().size() <= 31); // 0.00 .. 0.30 in steps of 0.01
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const SalesRow& row = rows[i];
        REQUIRE(table.region[i] == row.region);
        REQUIRE(table.product[i] == row.product);
        REQUIRE(table.channel[i] == row.channel);
        REQUIRE(table.quantity[i] == row.quantity);
        REQUIRE(table.price[i] == row.price);
        REQUIRE(table.discount.values()[table.discount.codes()[i]] == row.discount);
    }
}

TEST_CASE("the column store refuses values its narrow columns cannot hold") {
    ColumnarTable table = ColumnarTable::fromRows({{1, 10, 0, 2, 10.0, 0.1}});
    CHECK_THROWS_WITH(table.append({256, 10, 0, 2, 10.0, 0.1}),
                      "the column store keeps region in 0..255, and 256 is outside it");
    CHECK_THROWS_WITH(table.append({1, -1, 0, 2, 10.0, 0.1}),
                      "the column store keeps product in 0..65535, and -1 is outside it");
    CHECK(table.size() == 1);
    for (int i = 1; i < 256; ++i) {
        table.append({1, 10, 0, 2, 10.0, 0.1 + i});
    }
    CHECK_THROWS_WITH(table.append({1, 10, 0, 2, 10.0, 0.5}),
                      Catch::Contains("discount as one-byte codes") && Catch::Contains("0.5"));
    // A refused row leaves every column as long as the others.
    CHECK(table.size() == 256);
    CHECK(table.discount.codes().size() == 256);
    CHECK(table.region.size() == 256);
}
