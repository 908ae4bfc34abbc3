// Stacks are keyed by thread and symbolized frames, so distinct return addresses inside one function
// count as one stack.
#include "collectors/profiler/stack_aggregator.h"

#include "collectors/profiler/engine_tag.h"

namespace perflab::profiling {

StackAggregator::StackAggregator(std::vector<std::string> engines)
    : m_engines(std::move(engines)) {}

std::size_t StackAggregator::KeyHash::operator()(const Key& key) const noexcept {
    std::size_t hash = std::hash<pid_t>{}(key.tid);
    for (const std::uint32_t frame : key.frames)
        hash = hash * 1'000'003u ^ frame;
    return hash;
}

void StackAggregator::add(pid_t tid, std::span<const std::uint64_t> leafFirst, std::uint32_t periods) {
    m_scratch.tid = tid;
    m_scratch.frames.clear();
    // Every address but the leaf is a return address: the call is the instruction before it.
    for (std::size_t i = leafFirst.size(); i-- > 0;)
        m_scratch.frames.push_back(m_symbolizer.frame(i == 0 ? leafFirst[i] : leafFirst[i] - 1));
    if (const auto it = m_counts.find(m_scratch); it != m_counts.end()) {
        it->second.samples += periods;
        return;
    }
    m_counts.emplace(m_scratch, Count{.samples = periods, .engine = engineOf(m_scratch.frames)});
}

std::string_view StackAggregator::engineOf(const std::vector<std::uint32_t>& rootFirst) {
    constexpr int kUnknown = -2;
    for (const std::uint32_t frame : rootFirst) {
        if (frame >= m_engineOfFrame.size())
            m_engineOfFrame.resize(frame + 1, kUnknown);
        int& engine = m_engineOfFrame[frame];
        if (engine == kUnknown) {
            const auto index = engineOfFrame(m_symbolizer.frameName(frame), m_engines);
            engine = index ? static_cast<int>(*index) : -1;
        }
        if (engine >= 0)
            return m_engines[static_cast<std::size_t>(engine)];
    }
    return {};
}

Profile StackAggregator::take(const std::function<std::string(pid_t)>& nameOf) {
    Profile slice;
    std::unordered_map<pid_t, std::string> threadNames;
    std::vector<std::string_view> names;
    for (const auto& [key, count] : m_counts) {
        auto [thread, added] = threadNames.try_emplace(key.tid);
        if (added)
            thread->second = nameOf(key.tid);
        names.clear();
        for (const std::uint32_t frame : key.frames)
            names.push_back(m_symbolizer.frameName(frame));
        slice.addStack(names, count.samples, thread->second, count.engine);
    }
    m_counts.clear();
    return slice;
}

} // namespace perflab::profiling
