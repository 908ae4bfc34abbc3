// Generates the sales table: the same seeded row sequence feeds the row store and the column store.
#include "engines/analytics/analytics_table.h"

#include <algorithm>
#include <cmath>
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

ColumnarTable ColumnarTable::generate(std::size_t rows, unsigned seed) {
    ColumnarTable table;
    for (auto* column : {&table.region, &table.product, &table.channel, &table.quantity}) {
        column->reserve(rows);
    }
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

void ColumnarTable::append(const SalesRow& row) {
    const std::array<int, kColumnCount> values{row.region, row.product, row.channel, 0, row.quantity, 0};
    for (std::size_t i = 0; i < kColumnCount; ++i) {
        m_min[i] = size() == 0 ? values[i] : std::min(m_min[i], values[i]);
        m_max[i] = size() == 0 ? values[i] : std::max(m_max[i], values[i]);
    }
    region.push_back(row.region);
    product.push_back(row.product);
    channel.push_back(row.channel);
    quantity.push_back(row.quantity);
    price.push_back(row.price);
    discount.push_back(row.discount);
}

const std::vector<std::int32_t>& ColumnarTable::integerColumn(Column column) const {
    switch (column) {
    case Column::Region:
        return region;
    case Column::Product:
        return product;
    case Column::Channel:
        return channel;
    case Column::Quantity:
        return quantity;
    case Column::Price:
    case Column::Discount:
        break;
    }
    throw std::logic_error("column " + std::string(columnName(column)) + " is not an integer column");
}

std::pair<std::int32_t, std::int32_t> ColumnarTable::range(Column column) const noexcept {
    if (size() == 0) {
        return {0, -1};
    }
    return {m_min[static_cast<std::size_t>(column)], m_max[static_cast<std::size_t>(column)]};
}

const std::vector<double>& ColumnarTable::doubleColumn(Column column) const {
    if (column == Column::Price) {
        return price;
    }
    if (column == Column::Discount) {
        return discount;
    }
    throw std::logic_error("column " + std::string(columnName(column)) + " is not a double column");
}

} // namespace perflab::engines::analytics
