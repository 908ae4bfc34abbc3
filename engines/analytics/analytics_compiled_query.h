// An analytics query compiled once (filter and aggregate programs, accumulation slots) and then run
// over a column store block by block: filter -> selection vector -> fused aggregation per group.
#pragma once

#include "engines/analytics/analytics_program.h"
#include "engines/analytics/analytics_query.h"
#include "engines/analytics/analytics_result.h"

#include <vector>

namespace perflab::engines::analytics {

class CompiledQuery {
public:
    explicit CompiledQuery(Query query);

    const Query& query() const noexcept { return m_query; }
    // Thread-safe: all scratch space belongs to the call.
    QueryResult run(const ColumnarTable& table) const;

private:
    struct Scan;
    // A distinct aggregate argument: every aggregate over the same expression shares its slot.
    struct ValueSlot {
        std::uint16_t reg = 0;
        bool keepsSamples = false;
    };
    enum class FilterMode : std::uint8_t { MatchAll, MatchNone, Program };

    void scanBlock(const ColumnarTable& table, std::size_t base, std::size_t count, Scan& scan) const;
    void accumulate(const ColumnarTable& table, const BlockRows& rows, Scan& scan) const;
    QueryResult finish(Scan& scan) const;

    Query m_query;
    FilterMode m_filterMode = FilterMode::MatchAll;
    std::uint16_t m_filterMask = 0;
    Program m_filter; // runs densely over each block
    Program m_values; // runs over the selected rows only
    std::vector<ValueSlot> m_slots;
    std::vector<int> m_slotOfAggregate; // -1 for count()
};

} // namespace perflab::engines::analytics
