// Call trees from folded text and their nodes by path, for the profile tests.
#pragma once

#include "model/profile/call_tree.h"
#include "model/profile/folded_stacks.h"

#include <catch2/catch.hpp>

#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace perflab::test {

inline std::shared_ptr<const CallTree> treeOf(const std::string& folded) {
    return std::make_shared<const CallTree>(std::make_shared<const Profile>(parseFoldedStacks(folded)));
}

// The node at the end of `names` (outermost frame first); the test stops if the tree lacks it.
inline NodeId nodeAt(const CallTree& tree, std::initializer_list<std::string_view> names) {
    const std::optional<NodeId> node = tree.find(std::vector<std::string_view>(names));
    REQUIRE(node);
    return *node;
}

} // namespace perflab::test
