// Plan execution: partial answers are rows of variable bindings in one flat vector.
#include "engines/knowledge/plan_executor.h"

#include "engines/knowledge/join_table.h"

namespace perflab::engines::knowledge {

namespace {

class Executor {
public:
    Executor(const EncodedQuery& encoded, const TripleIndex& index)
        : m_encoded(encoded)
        , m_index(index)
        , m_width(encoded.variableCount)
        , m_bound(encoded.variableCount, false)
        , m_rows(m_width, kUnbound)
        , m_scratch(m_width) {}

    const std::vector<TermId>& run(const QueryPlan& plan) {
        for (const PlanStep& step : plan.steps) {
            if (m_rows.empty()) {
                break;
            }
            const EncodedPattern& pattern = m_encoded.patterns[step.pattern];
            std::vector<TermId> next;
            if (step.method == JoinMethod::HashJoin) {
                hashJoin(pattern, next);
            } else {
                lookupJoin(pattern, next);
            }
            m_rows = std::move(next);
            for (const PatternSlot& slot : pattern.slots) {
                if (slot.isVariable) {
                    m_bound[slot.value] = true;
                }
            }
        }
        return m_rows;
    }

    std::size_t width() const noexcept { return m_width; }

private:
    std::size_t rowCount() const { return m_rows.size() / m_width; }
    std::span<const TermId> row(std::size_t i) const {
        return std::span(m_rows).subspan(i * m_width, m_width);
    }
    bool isBound(const PatternSlot& slot) const { return slot.isVariable && m_bound[slot.value]; }

    // The pattern's value at `position` for this row: its constant, or the row's binding.
    TermId valueAt(const EncodedPattern& pattern, std::size_t position, std::span<const TermId> row) const {
        const PatternSlot& slot = pattern.slots[position];
        return slot.isVariable ? row[slot.value] : slot.value;
    }

    void emit(const EncodedPattern& pattern, const Fact& fact, std::span<const TermId> row,
              std::vector<TermId>& next) {
        if (extend(pattern, fact, row, m_scratch)) {
            if (next.size() >= kMaxPartialAnswers * m_width) {
                throw tooBroadError();
            }
            next.insert(next.end(), m_scratch.begin(), m_scratch.end());
        }
    }

    void lookupJoin(const EncodedPattern& pattern, std::vector<TermId>& next) {
        std::array<bool, 3> known{};
        for (std::size_t position = 0; position < 3; ++position) {
            known[position] = !pattern.slots[position].isVariable || isBound(pattern.slots[position]);
        }
        const auto valuesOf = [&](std::span<const TermId> current) {
            return std::array<TermId, 3>{valueAt(pattern, 0, current), valueAt(pattern, 1, current),
                                         valueAt(pattern, 2, current)};
        };
        // Lookups a few rows ahead are announced, so their facts' cache misses overlap this row's work.
        constexpr std::size_t kAhead = 8;
        std::size_t hint = TripleIndex::kNoHint;
        for (std::size_t i = 0; i < rowCount(); ++i) {
            if (i + kAhead < rowCount()) {
                m_index.prefetch(known, valuesOf(row(i + kAhead)));
            }
            const std::span<const TermId> current = row(i);
            for (const Fact& fact : m_index.lookup(known, valuesOf(current), hint)) {
                emit(pattern, fact, current, next);
            }
        }
    }

    // Keyed on up to two bound positions (exact); a third bound position is checked by extend().
    template <class ValueAt> std::uint64_t joinKey(const EncodedPattern& pattern, ValueAt valueAt) const {
        std::uint64_t key = 0;
        int used = 0;
        for (std::size_t position = 0; position < 3 && used < 2; ++position) {
            if (isBound(pattern.slots[position])) {
                key = (key << 32) | valueAt(position);
                ++used;
            }
        }
        return key;
    }

    // The table is built on the smaller side, the constants' range or the partial answers, and probed
    // by the other.
    void hashJoin(const EncodedPattern& pattern, std::vector<TermId>& next) {
        std::array<bool, 3> constants{};
        std::array<TermId, 3> values{};
        for (std::size_t position = 0; position < 3; ++position) {
            constants[position] = !pattern.slots[position].isVariable;
            values[position] = pattern.slots[position].value;
        }
        const std::span<const Fact> facts = m_index.lookup(constants, values);
        const auto factKey = [&](const Fact& fact) {
            return joinKey(pattern, [&](std::size_t position) { return positionOf(fact, position); });
        };
        const auto rowKey = [&](std::span<const TermId> current) {
            return joinKey(pattern,
                           [&](std::size_t position) { return valueAt(pattern, position, current); });
        };
        if (facts.size() <= rowCount()) {
            JoinTable table(facts.size());
            for (std::size_t i = 0; i < facts.size(); ++i) {
                table.insert(factKey(facts[i]), static_cast<std::uint32_t>(i));
            }
            for (std::size_t i = 0; i < rowCount(); ++i) {
                const std::span<const TermId> current = row(i);
                table.forEach(rowKey(current),
                              [&](std::uint32_t fact) { emit(pattern, facts[fact], current, next); });
            }
            return;
        }
        JoinTable table(rowCount());
        for (std::size_t i = 0; i < rowCount(); ++i) {
            table.insert(rowKey(row(i)), static_cast<std::uint32_t>(i));
        }
        for (const Fact& fact : facts) {
            table.forEach(factKey(fact), [&](std::uint32_t i) { emit(pattern, fact, row(i), next); });
        }
    }

    const EncodedQuery& m_encoded;
    const TripleIndex& m_index;
    std::size_t m_width;
    std::vector<bool> m_bound;
    std::vector<TermId> m_rows;
    std::vector<TermId> m_scratch;
};

} // namespace

RequestError tooBroadError() {
    return RequestError("the query is too broad: more than " + std::to_string(kMaxPartialAnswers) +
                        " partial answers; add constants or patterns that narrow it");
}

std::vector<TermId> executePlan(const QueryPlan& plan, const PatternQuery& query, const EncodedQuery& encoded,
                                const TripleIndex& index) {
    Executor executor(encoded, index);
    const std::vector<TermId>& rows = executor.run(plan);
    std::vector<TermId> selected;
    for (std::size_t i = 0; i < rows.size(); i += executor.width()) { // width >= 1: a query has a variable
        project(query, std::span(rows).subspan(i, executor.width()), selected);
    }
    return selected;
}

} // namespace perflab::engines::knowledge
