// The analytics engine's data: a seeded, generated sales table, as rows (baseline) or columns (optimized).
#pragma once

#include "engines/seeded_random.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
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

// One vector per column; integer columns keep their width so scans read less memory.
struct ColumnarTable {
    std::vector<std::int32_t> region, product, channel, quantity;
    std::vector<double> price, discount;
    std::size_t size() const noexcept { return price.size(); }

    static ColumnarTable generate(std::size_t rows, unsigned seed);
    static ColumnarTable fromRows(const std::vector<SalesRow>& rows);
    void append(const SalesRow& row);
    const std::vector<std::int32_t>& integerColumn(Column column) const; // throws for double columns
    const std::vector<double>& doubleColumn(Column column) const;        // throws for integer columns
    // Smallest and largest value of an integer column (sizes dense group-by arrays); {0, -1} when empty.
    std::pair<std::int32_t, std::int32_t> range(Column column) const noexcept;

private:
    std::array<std::int32_t, kColumnCount> m_min{};
    std::array<std::int32_t, kColumnCount> m_max{};
};

} // namespace perflab::engines::analytics
