// ProfileDiff: matches each comparison node to the baseline node on the same path of frame names.
#include "model/profile/profile_diff.h"

#include <algorithm>
#include <cmath>

namespace perflab {

namespace {

double share(std::uint64_t samples, std::uint64_t total) {
    return total == 0 ? 0.0 : static_cast<double>(samples) / static_cast<double>(total);
}

} // namespace

ProfileDiff::ProfileDiff(std::shared_ptr<const CallTree> baseline, std::shared_ptr<const CallTree> comparison)
    : m_baseline(std::move(baseline))
    , m_comparison(std::move(comparison)) {
    const Profile& from = m_comparison->profile();
    std::vector<FrameId> frameInBaseline(from.frameCount(), ChildIndex::kNone);
    for (FrameId id = 0; id < from.frameCount(); ++id)
        frameInBaseline[id] = m_baseline->profile().findFrame(from.frameName(id)).value_or(ChildIndex::kNone);

    m_baselineNode.assign(m_comparison->size(), ChildIndex::kNone);
    m_baselineNode[kRootNode] = kRootNode;
    // Parents precede their children in node order, so each parent is matched before its children.
    for (NodeId n = 1; n < m_comparison->size(); ++n) {
        const CallTree::Node& node = m_comparison->node(n);
        const NodeId parent = m_baselineNode[node.parent];
        const FrameId frame = frameInBaseline[node.frame];
        if (parent != ChildIndex::kNone && frame != ChildIndex::kNone)
            m_baselineNode[n] = m_baseline->child(parent, frame).value_or(ChildIndex::kNone);
    }
    for (NodeId n = 0; n < m_comparison->size(); ++n)
        m_largestSelfChange = std::max(m_largestSelfChange, std::abs(at(n).selfDelta));
}

NodeDiff ProfileDiff::at(NodeId node) const {
    NodeDiff d;
    if (const NodeId b = m_baselineNode[node]; b != ChildIndex::kNone) {
        d.baselineTotal = m_baseline->node(b).total;
        d.baselineSelf = m_baseline->node(b).self;
    }
    const std::uint64_t nb = m_baseline->totalSamples();
    const std::uint64_t nc = m_comparison->totalSamples();
    const CallTree::Node& c = m_comparison->node(node);
    d.baselineShare = share(d.baselineTotal, nb);
    d.comparisonShare = share(c.total, nc);
    d.delta = d.comparisonShare - d.baselineShare;
    d.baselineSelfShare = share(d.baselineSelf, nb);
    d.comparisonSelfShare = share(c.self, nc);
    d.selfDelta = d.comparisonSelfShare - d.baselineSelfShare;
    return d;
}

} // namespace perflab
