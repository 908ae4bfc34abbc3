// Runs a compiled analytics query block by block: filter program -> mask -> selection vector, value
// program -> aggregate arguments, then one fold kernel per argument into dense per-group arrays.
#include "engines/analytics/analytics_compiled_query.h"

#include "collectors/zones/zone.h"
#include "engines/analytics/analytics_group_percentiles.h"
#include "engines/analytics/analytics_program_builder.h"

#include <algorithm>
#include <array>
#include <limits>

namespace perflab::engines::analytics {

namespace {

// Row i of a fully selected block, and value i of a gathered one.
constexpr std::array<std::uint16_t, kBlockRows> kIdentity = [] {
    std::array<std::uint16_t, kBlockRows> rows{};
    for (std::size_t i = 0; i < kBlockRows; ++i) {
        rows[i] = static_cast<std::uint16_t>(i);
    }
    return rows;
}();

} // namespace

struct CompiledQuery::Scan {
    Scan(const CompiledQuery& query, std::size_t groups_, SampleBuffers& samples_)
        : groups(groups_)
        , counts(groups_)
        , laneCounts(groups_ * kCountLanes)
        , sums(groups_ * query.m_slots.size())
        , mins(sums.size(), std::numeric_limits<double>::infinity())
        , maxs(sums.size(), -std::numeric_limits<double>::infinity())
        , filterRegs(query.m_filter.numberRegisters, query.m_filter.maskRegisters)
        , valueRegs(query.m_values.numberRegisters, query.m_values.maskRegisters)
        , samples(samples_) {
        samples.values.resize(std::max(samples.values.size(), query.m_sampleLists));
    }
    FoldTarget target(std::size_t slot) noexcept {
        const std::size_t at = slot * groups;
        return {sums.data() + at, mins.data() + at, maxs.data() + at};
    }

    std::size_t groups;
    std::int32_t keyBase = 0;
    std::uint64_t matched = 0;
    std::vector<std::uint64_t> counts;     // [group]; grouped scans count in laneCounts until the end
    std::vector<std::uint64_t> laneCounts; // [lane * groups + group]
    std::vector<double> sums, mins, maxs;  // [slot * groups + group]
    BlockRegisters filterRegs;
    BlockRegisters valueRegs;
    SampleBuffers& samples;
    std::array<std::uint16_t, kBlockRows> selection{};
    std::array<std::uint32_t, kBlockRows> keys{};
};

CompiledQuery::CompiledQuery(Query query)
    : m_query(std::move(query)) {
    compileFilter();
    compileValues();
}

void CompiledQuery::compileFilter() {
    if (!m_query.filter) {
        return;
    }
    ProgramBuilder filter;
    const ProgramBuilder::Mask mask = filter.condition(*m_query.filter);
    m_filterMode = !mask.isConstant ? FilterMode::Program
                   : mask.constant  ? FilterMode::MatchAll
                                    : FilterMode::MatchNone;
    m_filterMask = mask.reg;
    m_filter = filter.program();
}

void CompiledQuery::compileValues() {
    ProgramBuilder values;
    std::vector<std::string> slotTexts;
    for (const Aggregate& aggregate : m_query.aggregates) {
        if (!aggregate.argument) {
            m_slotOfAggregate.push_back(-1);
            continue;
        }
        const std::string text = canonicalText(*aggregate.argument);
        auto it = std::find(slotTexts.begin(), slotTexts.end(), text);
        if (it == slotTexts.end()) {
            m_slots.push_back({.reg = values.materialize(*aggregate.argument)});
            slotTexts.push_back(text);
            it = slotTexts.end() - 1;
        }
        const auto index = static_cast<std::size_t>(it - slotTexts.begin());
        ValueSlot& slot = m_slots[index];
        slot.sum |= aggregate.kind == AggregateKind::Sum || aggregate.kind == AggregateKind::Mean;
        slot.min |= aggregate.kind == AggregateKind::Min;
        slot.max |= aggregate.kind == AggregateKind::Max;
        if (aggregate.kind == AggregateKind::Percentile && slot.sampleList < 0) {
            slot.sampleList = static_cast<int>(m_sampleLists++);
            slot.min = slot.max = true; // the range of the samples, for their radix selection
        }
        m_slotOfAggregate.push_back(static_cast<int>(index));
    }
    for (ValueSlot& slot : m_slots) {
        slot.fold = foldKernel(slot.sum, slot.min, slot.max, m_query.groupBy.has_value());
    }
    m_values = values.program();
}

QueryResult CompiledQuery::run(const ColumnarTable& table, SampleBuffers& samples) const {
    std::size_t groups = 1;
    std::int32_t keyBase = 0;
    if (m_query.groupBy) {
        const auto [low, high] = table.range(*m_query.groupBy);
        keyBase = low;
        groups = static_cast<std::size_t>(std::int64_t{high} - low + 1);
    }
    Scan scan(*this, groups, samples);
    scan.keyBase = keyBase;
    if (m_filterMode != FilterMode::MatchNone) {
        PERFLAB_ZONE("analytics.scan"); // filter, evaluate and fold, block by block
        for (std::size_t base = 0; base < table.size(); base += kBlockRows) {
            scanBlock(table, base, std::min(kBlockRows, table.size() - base), scan);
        }
    }
    if (m_query.groupBy) {
        sumCountLanes(scan.laneCounts.data(), groups, scan.counts.data());
    }
    QueryResult result = finish(scan);
    result.rowsScanned = table.size();
    result.rowsMatched = scan.matched;
    return result;
}

void CompiledQuery::scanBlock(const ColumnarTable& table, std::size_t base, std::size_t count,
                              Scan& scan) const {
    std::size_t n = count;
    const std::uint16_t* rows = kIdentity.data(); // the block's matching rows, for the group keys
    if (m_filterMode == FilterMode::Program) {
        runProgram(m_filter, table, {base, nullptr, count}, scan.filterRegs);
        n = selectRows(scan.filterRegs.mask(m_filterMask), count, scan.selection.data());
        if (n == 0) {
            return;
        }
        rows = n < count ? scan.selection.data() : rows;
    }
    scan.matched += n;
    // Computing every row of a block costs less than gathering most of them; only sparse blocks gather.
    const bool gather = n < count / 4;
    runProgram(m_values, table, {base, gather ? scan.selection.data() : nullptr, gather ? n : count},
               scan.valueRegs);
    accumulate(table, base, rows, gather ? kIdentity.data() : rows, n, scan);
}

void CompiledQuery::accumulate(const ColumnarTable& table, std::size_t base, const std::uint16_t* rows,
                               const std::uint16_t* at, std::size_t n, Scan& scan) const {
    const std::uint32_t* groups = nullptr;
    if (m_query.groupBy) {
        table.withIntegerColumn(*m_query.groupBy, [&](const auto* column) {
            groupKeys(column + base, rows == kIdentity.data() ? nullptr : rows, n, scan.keyBase,
                      scan.keys.data(), scan.laneCounts.data(), scan.groups);
        });
        groups = scan.keys.data();
        if (m_sampleLists > 0) {
            scan.samples.groups.insert(scan.samples.groups.end(), groups, groups + n);
        }
    } else {
        scan.counts[0] += n;
    }
    for (std::size_t s = 0; s < m_slots.size(); ++s) {
        const ValueSlot& slot = m_slots[s];
        const double* values = scan.valueRegs.read(slot.reg);
        slot.fold(values, at, groups, n, scan.target(s));
        if (slot.sampleList >= 0) {
            appendSelected(scan.samples.values[static_cast<std::size_t>(slot.sampleList)], values, at, n);
        }
    }
}

std::vector<double> CompiledQuery::percentiles(const Aggregate& aggregate, std::size_t slot,
                                               Scan& scan) const {
    if (scan.groups == 0) {
        return {}; // grouping an empty table: nothing to rank
    }
    const FoldTarget figures = scan.target(slot);
    GroupSamples samples{.values = scan.samples.values[static_cast<std::size_t>(m_slots[slot].sampleList)],
                         .groups = scan.samples.groups,
                         .counts = scan.counts,
                         .lows = std::span(figures.mins, scan.groups),
                         .highs = std::span(figures.maxs, scan.groups)};
    return groupPercentiles(samples, aggregate.percentile);
}

QueryResult CompiledQuery::finish(Scan& scan) const {
    PERFLAB_ZONE("analytics.aggregate");
    // Percentiles of every group at once, per aggregate (empty for other kinds).
    std::vector<std::vector<double>> percentiles(m_query.aggregates.size());
    for (std::size_t i = 0; i < m_query.aggregates.size(); ++i) {
        if (m_query.aggregates[i].kind == AggregateKind::Percentile) {
            percentiles[i] = this->percentiles(m_query.aggregates[i],
                                               static_cast<std::size_t>(m_slotOfAggregate[i]), scan);
        }
    }
    QueryResult result;
    std::vector<double> none;
    for (std::size_t g = 0; g < scan.groups; ++g) {
        if (m_query.groupBy && scan.counts[g] == 0) {
            continue;
        }
        GroupResult group;
        group.key = std::int64_t{scan.keyBase} + static_cast<std::int64_t>(g);
        for (std::size_t i = 0; i < m_query.aggregates.size(); ++i) {
            const int slot = m_slotOfAggregate[i];
            const std::size_t at = slot < 0 ? 0 : static_cast<std::size_t>(slot) * scan.groups + g;
            group.values.push_back(!percentiles[i].empty() ? percentiles[i][g]
                                   : slot < 0
                                       ? finishAggregate(m_query.aggregates[i], scan.counts[g], 0, 0, 0, none)
                                       : finishAggregate(m_query.aggregates[i], scan.counts[g], scan.sums[at],
                                                         scan.mins[at], scan.maxs[at], none));
        }
        result.groups.push_back(std::move(group));
    }
    return result;
}

} // namespace perflab::engines::analytics
