// The differential of two profiles: for every call path of the comparison, its share of all samples in the
// baseline and in the comparison, and the change between them.
#pragma once

#include "model/profile/call_tree.h"

#include <memory>
#include <vector>

namespace perflab {

// Shares are fractions of each profile's own total (N_b, N_c), so profiles of different lengths compare:
//   baselineShare = T_b / N_b,  comparisonShare = T_c / N_c,  delta = comparisonShare - baselineShare
// where T is a path's total samples; the self* fields do the same with self samples. A path the baseline
// lacks has T_b = 0; a profile with no samples has every share 0.
struct NodeDiff {
    std::uint64_t baselineTotal = 0;
    std::uint64_t baselineSelf = 0;
    double baselineShare = 0;
    double comparisonShare = 0;
    double delta = 0;
    double baselineSelfShare = 0;
    double comparisonSelfShare = 0;
    double selfDelta = 0;
};

class ProfileDiff {
public:
    // Paths are matched by frame names from the root down. The comparison tree is what gets drawn: a path
    // only the baseline has is counted in its ancestors' baseline totals but has no node of its own.
    ProfileDiff(std::shared_ptr<const CallTree> baseline, std::shared_ptr<const CallTree> comparison);

    const CallTree& baseline() const { return *m_baseline; }
    const CallTree& comparison() const { return *m_comparison; }
    // `node` is a comparison node.
    NodeDiff at(NodeId node) const;
    // The largest |selfDelta| over the comparison's nodes: colors scale their saturation by it.
    double largestSelfChange() const { return m_largestSelfChange; }

private:
    std::shared_ptr<const CallTree> m_baseline;
    std::shared_ptr<const CallTree> m_comparison;
    std::vector<NodeId> m_baselineNode; // per comparison node; ChildIndex::kNone when the baseline lacks it
    double m_largestSelfChange = 0;
};

} // namespace perflab
