// The analytics engine's data: a seeded, generated sales table, as rows (baseline) or columns (optimized).
#pragma once

#include "engines/seeded_random.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace perflab::engines::analytics {

enum class Column : std::uint8_t { Region, Product, Channel, Price, Quantity, Discount };
inline constexpr std::size_t kColumnCount = 6;

std::string_view columnName(Column column) noexcept;
std::optional<Column> findColumn(std::string_view name) noexcept;
bool isIntegerColumn(Column column) noexcept;
std::string_view columnList(); // "region, product, ..." for error messages

struct SalesRow {
    int region = 0;      // 0..15
    int product = 0;     // 0..999
    int channel = 0;     // 0..3
    int quantity = 1;    // 1..20
    double price = 0;    // per product base price, +-15 %, in cents
    double discount = 0; // 0.00..0.30 in steps of 0.01
};

// Deterministic for a seed on every platform (splitmix64, no std distributions).
class SalesRowGenerator {
public:
    explicit SalesRowGenerator(unsigned seed);
    SalesRow next() noexcept;

private:
    SeededRandom m_random;
    std::array<double, 1000> m_basePrice{};
};

std::vector<SalesRow> generateRows(std::size_t rows, unsigned seed);

// A double column with few distinct values (discount has 31), kept as one-byte codes into a dictionary:
// a scan reads one byte a row instead of eight, and a comparison is decided once per distinct value.
class DictionaryColumn {
public:
    static constexpr std::size_t kMaxValues = 256;

    void append(double value); // throws std::length_error for a value past kMaxValues distinct ones
    void reserve(std::size_t rows) { m_codes.reserve(rows); }
    const std::vector<std::uint8_t>& codes() const noexcept { return m_codes; }
    const std::vector<double>& values() const noexcept { return m_values; } // in order of first appearance

private:
    std::vector<std::uint8_t> m_codes;
    std::vector<double> m_values;
    std::unordered_map<std::uint64_t, std::uint8_t> m_codeOf; // by bit pattern: -0, +0 and NaNs stay apart
};

// One vector per column, each as narrow as its documented range allows, so scans read less memory:
// region, channel and quantity take a byte a row, product two, discount a dictionary code, price eight.
struct ColumnarTable {
    std::vector<std::uint8_t> region, channel, quantity;
    std::vector<std::uint16_t> product;
    std::vector<double> price;
    DictionaryColumn discount;
    std::size_t size() const noexcept { return price.size(); }

    static ColumnarTable generate(std::size_t rows, unsigned seed);
    static ColumnarTable fromRows(const std::vector<SalesRow>& rows);
    // Throws std::out_of_range when an integer value does not fit its column's width.
    void append(const SalesRow& row);
    // Calls f with the integer column's values (const std::uint8_t* or const std::uint16_t*); throws
    // std::logic_error for price and discount.
    template <class F> void withIntegerColumn(Column column, F&& f) const;
    // Smallest and largest value of an integer column (sizes dense group-by arrays); {0, -1} when empty.
    std::pair<std::int32_t, std::int32_t> range(Column column) const noexcept;

private:
    std::array<std::int32_t, kColumnCount> m_min{};
    std::array<std::int32_t, kColumnCount> m_max{};
};

[[noreturn]] void throwNotIntegerColumn(Column column);

template <class F> void ColumnarTable::withIntegerColumn(Column column, F&& f) const {
    switch (column) {
    case Column::Region:
        return f(region.data());
    case Column::Product:
        return f(product.data());
    case Column::Channel:
        return f(channel.data());
    case Column::Quantity:
        return f(quantity.data());
    case Column::Price:
    case Column::Discount:
        break;
    }
    throwNotIntegerColumn(column);
}

} // namespace perflab::engines::analytics
