// An analytics query compiled once (filter and aggregate programs, fold kernels per argument) and then
// run over a column store block by block: filter mask -> selection -> values -> fused per-group folds.
#pragma once

#include "engines/analytics/analytics_fold.h"
#include "engines/analytics/analytics_program.h"
#include "engines/analytics/analytics_query.h"
#include "engines/analytics/analytics_result.h"
#include "engines/analytics/analytics_sample_pool.h"

#include <vector>

namespace perflab::engines::analytics {

class CompiledQuery {
public:
    explicit CompiledQuery(Query query);

    const Query& query() const noexcept { return m_query; }
    // Thread-safe: all scratch space belongs to the call; `samples` must be empty.
    QueryResult run(const ColumnarTable& table, SampleBuffers& samples) const;

private:
    struct Scan;
    // A distinct aggregate argument: every aggregate over the same expression shares its slot, which
    // keeps only the running figures those aggregates need.
    struct ValueSlot {
        std::uint16_t reg = 0;
        bool sum = false, min = false, max = false;
        int sampleList = -1; // index into SampleBuffers::values when a percentile needs the values
        FoldKernel fold = nullptr;
    };
    enum class FilterMode : std::uint8_t { MatchAll, MatchNone, Program };

    void compileFilter();
    void compileValues();
    void scanBlock(const ColumnarTable& table, std::size_t base, std::size_t count, Scan& scan) const;
    void accumulate(const ColumnarTable& table, std::size_t base, const std::uint16_t* rows,
                    const std::uint16_t* at, std::size_t n, Scan& scan) const;
    std::vector<double> percentiles(const Aggregate& aggregate, std::size_t slot, Scan& scan) const;
    QueryResult finish(Scan& scan) const;

    Query m_query;
    FilterMode m_filterMode = FilterMode::MatchAll;
    std::uint16_t m_filterMask = 0;
    Program m_filter; // runs densely over each block
    Program m_values; // densely when most rows of a block match, else over the selected rows only
    std::vector<ValueSlot> m_slots;
    std::vector<int> m_slotOfAggregate; // -1 for count()
    std::size_t m_sampleLists = 0;
};

} // namespace perflab::engines::analytics
