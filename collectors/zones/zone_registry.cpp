// The process's zone threads: attach on first use, retire at thread exit, merge on request.
#include "collectors/zones/zone_registry.h"

#include "collectors/zones/zone.h"

#include <algorithm>
#include <unistd.h>

namespace perflab {

namespace zone_detail {

constinit std::atomic<int> activeRecordings{0};
constinit std::atomic<int> spanRecordings{0};
constinit thread_local ZoneThread* currentThread = nullptr;

namespace {

// Retires the thread's zones when the thread exits.
struct ThreadExit {
    ~ThreadExit() {
        if (currentThread)
            ZoneRegistry::instance().retire(currentThread);
        currentThread = nullptr;
    }
};
thread_local ThreadExit threadExit;

} // namespace

ZoneThread* attachThread() {
    static_cast<void>(&threadExit); // constructs it, so its destructor runs at this thread's exit
    currentThread = ZoneRegistry::instance().attach();
    return currentThread;
}

} // namespace zone_detail

namespace {

void mergeThread(ZoneTree& tree, const ZoneThread& thread) {
    const std::vector<ZoneThread::NodeFigures> nodes = thread.nodes();
    std::vector<std::uint32_t> mapped(nodes.size(), ZoneTree::kRoot); // parents come before their children
    for (std::size_t i = 1; i < nodes.size(); ++i) {
        mapped[i] = tree.child(mapped[nodes[i].parent], *nodes[i].site);
        tree.add(mapped[i], nodes[i].count, nodes[i].inclusiveTicks, nodes[i].selfTicks);
    }
}

} // namespace

ZoneRegistry& ZoneRegistry::instance() {
    static ZoneRegistry registry;
    return registry;
}

void ZoneRegistry::startRecording(bool spans) {
    zone_clock::anchor();
    if (spans)
        zone_detail::spanRecordings.fetch_add(1);
    zone_detail::activeRecordings.fetch_add(1);
}

void ZoneRegistry::stopRecording(bool spans) {
    zone_detail::activeRecordings.fetch_sub(1);
    if (spans)
        zone_detail::spanRecordings.fetch_sub(1);
}

ZoneThread* ZoneRegistry::attach() {
    auto thread = std::make_unique<ZoneThread>(static_cast<int>(gettid()));
    const std::lock_guard lock(m_mutex);
    m_live.push_back(std::move(thread));
    return m_live.back().get();
}

void ZoneRegistry::retire(const ZoneThread* thread) {
    const std::lock_guard lock(m_mutex);
    const auto found =
        std::find_if(m_live.begin(), m_live.end(), [&](const auto& live) { return live.get() == thread; });
    if (found == m_live.end())
        return;
    mergeThread(m_retired, *thread);
    std::vector<ZoneSpan> spans;
    thread->appendSpans(0, spans);
    m_retiredSpans.insert(m_retiredSpans.end(), spans.begin(), spans.end());
    while (m_retiredSpans.size() > kRetiredSpans)
        m_retiredSpans.pop_front();
    m_live.erase(found);
}

ZoneTree ZoneRegistry::tree() const {
    const std::lock_guard lock(m_mutex);
    ZoneTree tree = m_retired;
    for (const auto& thread : m_live)
        mergeThread(tree, *thread);
    return tree;
}

std::vector<ZoneSpan> ZoneRegistry::spans(std::uint64_t sinceTicks, std::size_t limit) const {
    std::vector<ZoneSpan> spans;
    {
        const std::lock_guard lock(m_mutex);
        for (const ZoneSpan& span : m_retiredSpans)
            if (span.endTicks >= sinceTicks)
                spans.push_back(span);
        for (const auto& thread : m_live)
            thread->appendSpans(sinceTicks, spans);
    }
    std::sort(spans.begin(), spans.end(),
              [](const ZoneSpan& a, const ZoneSpan& b) { return a.endTicks < b.endTicks; });
    if (spans.size() > limit)
        spans.erase(spans.begin(), spans.end() - static_cast<std::ptrdiff_t>(limit));
    return spans;
}

} // namespace perflab
