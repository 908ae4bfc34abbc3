// Runs a compiled analytics query: per block of kBlockRows rows, the filter program yields a mask,
// the mask a selection vector, the value program the aggregate arguments, and one loop per slot
// folds them into dense per-group arrays (group keys are small integer ranges).
#include "engines/analytics/analytics_compiled_query.h"

#include "engines/analytics/analytics_program_builder.h"

#include <algorithm>
#include <array>
#include <limits>

namespace perflab::engines::analytics {

struct CompiledQuery::Scan {
    Scan(const CompiledQuery& query, std::size_t groups_)
        : groups(groups_)
        , counts(groups_)
        , sums(groups_ * query.m_slots.size())
        , mins(sums.size(), std::numeric_limits<double>::infinity())
        , maxs(sums.size(), -std::numeric_limits<double>::infinity())
        , samples(sums.size())
        , filterRegs(query.m_filter.numberRegisters, query.m_filter.maskRegisters)
        , valueRegs(query.m_values.numberRegisters, query.m_values.maskRegisters) {}

    std::size_t groups;
    std::int32_t keyBase = 0;
    std::uint64_t matched = 0;
    std::vector<std::uint64_t> counts;        // [group]
    std::vector<double> sums, mins, maxs;     // [slot * groups + group]
    std::vector<std::vector<double>> samples; // [slot * groups + group], percentile slots only
    BlockRegisters filterRegs;
    BlockRegisters valueRegs;
    std::array<std::uint16_t, kBlockRows> selection{};
    std::array<std::uint32_t, kBlockRows> keys{};
};

CompiledQuery::CompiledQuery(Query query)
    : m_query(std::move(query)) {
    if (m_query.filter) {
        ProgramBuilder filter;
        const ProgramBuilder::Mask mask = filter.condition(*m_query.filter);
        m_filterMode = !mask.isConstant ? FilterMode::Program
                       : mask.constant  ? FilterMode::MatchAll
                                        : FilterMode::MatchNone;
        m_filterMask = mask.reg;
        m_filter = filter.program();
    }
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
            m_slots.push_back({values.materialize(*aggregate.argument), false});
            slotTexts.push_back(text);
            it = slotTexts.end() - 1;
        }
        const auto slot = static_cast<std::size_t>(it - slotTexts.begin());
        m_slots[slot].keepsSamples |= aggregate.kind == AggregateKind::Percentile;
        m_slotOfAggregate.push_back(static_cast<int>(slot));
    }
    m_values = values.program();
}

QueryResult CompiledQuery::run(const ColumnarTable& table) const {
    std::size_t groups = 1;
    std::int32_t keyBase = 0;
    if (m_query.groupBy) {
        const auto [low, high] = table.range(*m_query.groupBy);
        keyBase = low;
        groups = static_cast<std::size_t>(std::int64_t{high} - low + 1);
    }
    Scan scan(*this, groups);
    scan.keyBase = keyBase;
    if (m_filterMode != FilterMode::MatchNone) {
        for (std::size_t base = 0; base < table.size(); base += kBlockRows) {
            scanBlock(table, base, std::min(kBlockRows, table.size() - base), scan);
        }
    }
    QueryResult result = finish(scan);
    result.rowsScanned = table.size();
    result.rowsMatched = scan.matched;
    return result;
}

void CompiledQuery::scanBlock(const ColumnarTable& table, std::size_t base, std::size_t count,
                              Scan& scan) const {
    BlockRows rows{base, nullptr, count};
    if (m_filterMode == FilterMode::Program) {
        runProgram(m_filter, table, rows, scan.filterRegs);
        rows.count = selectRows(scan.filterRegs.mask(m_filterMask), count, scan.selection.data());
        if (rows.count == 0) {
            return;
        }
        if (rows.count < count) { // a full block keeps the contiguous (non-gathering) loads
            rows.selection = scan.selection.data();
        }
    }
    scan.matched += rows.count;
    runProgram(m_values, table, rows, scan.valueRegs);
    accumulate(table, rows, scan);
}

void CompiledQuery::accumulate(const ColumnarTable& table, const BlockRows& rows, Scan& scan) const {
    const std::size_t n = rows.count;
    if (!m_query.groupBy) {
        scan.counts[0] += n;
        for (std::size_t s = 0; s < m_slots.size(); ++s) {
            const double* v = scan.valueRegs.number(m_slots[s].reg);
            double sum = scan.sums[s], min = scan.mins[s], max = scan.maxs[s];
            for (std::size_t i = 0; i < n; ++i) { // row order, as the baseline adds
                sum += v[i];
                min = v[i] < min ? v[i] : min;
                max = v[i] > max ? v[i] : max;
            }
            scan.sums[s] = sum;
            scan.mins[s] = min;
            scan.maxs[s] = max;
            if (m_slots[s].keepsSamples) {
                scan.samples[s].insert(scan.samples[s].end(), v, v + n);
            }
        }
        return;
    }
    const std::int32_t* keyColumn = table.integerColumn(*m_query.groupBy).data() + rows.base;
    std::uint32_t* keys = scan.keys.data();
    for (std::size_t i = 0; i < n; ++i) {
        const std::size_t row = rows.selection != nullptr ? rows.selection[i] : i;
        keys[i] = static_cast<std::uint32_t>(keyColumn[row] - scan.keyBase);
        ++scan.counts[keys[i]];
    }
    for (std::size_t s = 0; s < m_slots.size(); ++s) {
        const double* v = scan.valueRegs.number(m_slots[s].reg);
        double* sums = scan.sums.data() + s * scan.groups;
        double* mins = scan.mins.data() + s * scan.groups;
        double* maxs = scan.maxs.data() + s * scan.groups;
        for (std::size_t i = 0; i < n; ++i) {
            const std::uint32_t g = keys[i];
            sums[g] += v[i];
            mins[g] = v[i] < mins[g] ? v[i] : mins[g];
            maxs[g] = v[i] > maxs[g] ? v[i] : maxs[g];
        }
        if (m_slots[s].keepsSamples) {
            std::vector<double>* samples = scan.samples.data() + s * scan.groups;
            for (std::size_t i = 0; i < n; ++i) {
                samples[keys[i]].push_back(v[i]);
            }
        }
    }
}

QueryResult CompiledQuery::finish(Scan& scan) const {
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
            group.values.push_back(slot < 0
                                       ? finishAggregate(m_query.aggregates[i], scan.counts[g], 0, 0, 0, none)
                                       : finishAggregate(m_query.aggregates[i], scan.counts[g], scan.sums[at],
                                                         scan.mins[at], scan.maxs[at], scan.samples[at]));
        }
        result.groups.push_back(std::move(group));
    }
    return result;
}

} // namespace perflab::engines::analytics
