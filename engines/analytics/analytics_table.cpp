// Generates the sales table: the same seeded row sequence feeds the row store and the column store.
#include "engines/analytics/analytics_table.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

namespace perflab::engines::analytics {

namespace {

constexpr std::array<std::string_view, kColumnCount> kNames{"region", "product",  "channel",
                                                            "price",  "quantity", "discount"};

std::uint64_t uniformBelow(std::uint64_t bits, std::uint64_t bound) noexcept {
    // Multiply-shift on the high 32 bits: unbiased enough for bounds this small, and branch-free.
    return ((bits >> 32) * bound) >> 32;
}

} // namespace

std::string_view columnName(Column column) noexcept {
    return kNames[static_cast<std::size_t>(column)];
}

std::optional<Column> findColumn(std::string_view name) noexcept {
    for (std::size_t i = 0; i < kNames.size(); ++i) {
        if (kNames[i] == name) {
            return static_cast<Column>(i);
        }
    }
    return std::nullopt;
}

bool isIntegerColumn(Column column) noexcept {
    return column != Column::Price && column != Column::Discount;
}

std::string_view columnList() {
    return "region, product, channel, price, quantity, discount";
}

SalesRowGenerator::SalesRowGenerator(unsigned seed)
    : m_random(seed, 17) {
    for (double& base : m_basePrice) {
        base = 2.0 + 498.0 * m_random.unit() * m_random.unit(); // many cheap products, a few expensive ones
    }
}

SalesRow SalesRowGenerator::next() noexcept {
    SalesRow row;
    const std::uint64_t a = m_random.next();
    const std::uint64_t b = m_random.next();
    row.region = static_cast<int>(uniformBelow(a, 16));
    row.channel = static_cast<int>(uniformBelow(a << 32, 4));
    row.product = static_cast<int>(uniformBelow(b, 1000));
    row.quantity = 1 + static_cast<int>(uniformBelow(b << 32, 20));
    const double jitter = 0.85 + 0.3 * m_random.unit();
    row.price = std::round(m_basePrice[static_cast<std::size_t>(row.product)] * jitter * 100.0) / 100.0;
    row.discount = std::round(m_random.unit() * 30.0) / 100.0;
    return row;
}

std::vector<SalesRow> generateRows(std::size_t rows, unsigned seed) {
    SalesRowGenerator generator(seed);
    std::vector<SalesRow> result(rows);
    for (SalesRow& row : result) {
        row = generator.next();
    }
    return result;
}

void DictionaryColumn::append(double value) {
    const auto bits = std::bit_cast<std::uint64_t>(value);
    auto it = m_codeOf.find(bits);
    if (it == m_codeOf.end()) {
        if (m_values.size() == kMaxValues) {
            throw std::length_error("the column store keeps discount as one-byte codes, and " +
                                    std::to_string(value) + " is a value past the " +
                                    std::to_string(kMaxValues) + " distinct ones it can code");
        }
        it = m_codeOf.emplace(bits, static_cast<std::uint8_t>(m_values.size())).first;
        m_values.push_back(value);
    }
    m_codes.push_back(it->second);
}

ColumnarTable ColumnarTable::generate(std::size_t rows, unsigned seed) {
    ColumnarTable table;
    for (auto* column : {&table.region, &table.channel, &table.quantity}) {
        column->reserve(rows);
    }
    table.product.reserve(rows);
    table.price.reserve(rows);
    table.discount.reserve(rows);
    SalesRowGenerator generator(seed);
    for (std::size_t i = 0; i < rows; ++i) {
        table.append(generator.next());
    }
    return table;
}

ColumnarTable ColumnarTable::fromRows(const std::vector<SalesRow>& rows) {
    ColumnarTable table;
    for (const SalesRow& row : rows) {
        table.append(row);
    }
    return table;
}

namespace {

template <class T> T narrow(int value, Column column) {
    if (value < std::numeric_limits<T>::min() || value > std::numeric_limits<T>::max()) {
        throw std::out_of_range("the column store keeps " + std::string(columnName(column)) + " in 0.." +
                                std::to_string(std::numeric_limits<T>::max()) + ", and " +
                                std::to_string(value) + " is outside it");
    }
    return static_cast<T>(value);
}

} // namespace

void ColumnarTable::append(const SalesRow& row) {
    // Every check comes before the first push, so a refused row leaves the columns aligned.
    const auto regionValue = narrow<std::uint8_t>(row.region, Column::Region);
    const auto productValue = narrow<std::uint16_t>(row.product, Column::Product);
    const auto channelValue = narrow<std::uint8_t>(row.channel, Column::Channel);
    const auto quantityValue = narrow<std::uint8_t>(row.quantity, Column::Quantity);
    discount.append(row.discount);
    const std::array<int, kColumnCount> values{row.region, row.product, row.channel, 0, row.quantity, 0};
    for (std::size_t i = 0; i < kColumnCount; ++i) {
        m_min[i] = size() == 0 ? values[i] : std::min(m_min[i], values[i]);
        m_max[i] = size() == 0 ? values[i] : std::max(m_max[i], values[i]);
    }
    region.push_back(regionValue);
    product.push_back(productValue);
    channel.push_back(channelValue);
    quantity.push_back(quantityValue);
    price.push_back(row.price);
}

void throwNotIntegerColumn(Column column) {
    throw std::logic_error("column " + std::string(columnName(column)) + " is not an integer column");
}

std::pair<std::int32_t, std::int32_t> ColumnarTable::range(Column column) const noexcept {
    if (size() == 0) {
        return {0, -1};
    }
    return {m_min[static_cast<std::size_t>(column)], m_max[static_cast<std::size_t>(column)]};
}

} // namespace perflab::engines::analytics
