// Flame layouts: widths proportional to samples, one row per depth, zoomed subtrees with their callers,
// narrow frames merged so the rect count follows the pixels, not the frames.
#include "model/profile/flame_layout.h"

#include "tests/model/call_tree_fixture.h"

#include <catch2/catch.hpp>

#include <string>

using namespace perflab;

using test::nodeAt;
using test::treeOf;

TEST_CASE("frames are as wide as their share of samples and stacked one row per call depth") {
    const auto owner = treeOf("main;a;b 50\nmain;a 10\nmain;c 40\n");
    const CallTree& t = *owner;
    const FlameLayout layout(t, kRootNode, 1000);
    REQUIRE(layout.rowCount() == 4);
    CHECK(layout.ancestorRows() == 0);
    REQUIRE(layout.row(2).size() == 2);
    const FlameRect& a = layout.row(2)[0];
    CHECK(t.name(a.node) == "a");
    CHECK(a.x == Approx(0));
    CHECK(a.width == Approx(600));
    CHECK(a.samples == 60);
    CHECK(layout.row(2)[1].x == Approx(600));
    CHECK(layout.row(2)[1].width == Approx(400));
    CHECK(layout.row(3)[0].width == Approx(500));
}

TEST_CASE("the frame under a pixel is found on its row, and nothing beyond the frames") {
    const auto owner = treeOf("main;a;b 50\nmain;a 10\nmain;c 40\n");
    const CallTree& t = *owner;
    const FlameLayout layout(t, kRootNode, 1000);
    REQUIRE(layout.at(599, 2));
    CHECK(t.name(layout.at(599, 2)->node) == "a");
    CHECK(t.name(layout.at(600, 2)->node) == "c");
    CHECK(layout.at(700, 3) == nullptr);
    CHECK(layout.at(10, 9) == nullptr);
}

TEST_CASE("a zoomed frame spans the width with its callers above it at full width") {
    const auto owner = treeOf("main;a;b 50\nmain;a 10\nmain;c 40\n");
    const CallTree& t = *owner;
    const NodeId a = nodeAt(t, {"main", "a"});
    const FlameLayout layout(t, a, 1000);
    CHECK(layout.zoom() == a);
    CHECK(layout.ancestorRows() == 2);
    CHECK(t.name(layout.row(1)[0].node) == "main");
    REQUIRE(layout.row(2).size() == 1);
    CHECK(layout.row(2)[0].width == Approx(1000));
    CHECK(layout.row(3)[0].width == Approx(1000 * 50.0 / 60.0));
    CHECK(layout.at(950, 3) == nullptr);
}

TEST_CASE("siblings narrower than two pixels become one merged block after the wide ones") {
    std::string folded = "main;wide 900\n";
    for (int i = 0; i < 100; ++i)
        folded += "main;tiny" + std::to_string(i) + ";deeper 1\n";
    const auto owner = treeOf(folded);
    const CallTree& t = *owner;
    const FlameLayout layout(t, kRootNode, 1000);
    REQUIRE(layout.row(2).size() == 2);
    const FlameRect& merged = layout.row(2)[1];
    CHECK(merged.merged == 100);
    CHECK(merged.samples == 100);
    CHECK(merged.x == Approx(900));
    CHECK(merged.width == Approx(100));
    CHECK(layout.row(3).empty());
}

TEST_CASE("the number of rects is bounded by the pixels however many frames the profile has") {
    std::string folded;
    for (int i = 0; i < 20'000; ++i)
        folded += "main;f" + std::to_string(i % 5000) + ";g" + std::to_string(i) + " " +
                  std::to_string(1 + i % 7) + "\n";
    const auto owner = treeOf(folded);
    const CallTree& t = *owner;
    REQUIRE(t.size() > 25'000);
    const FlameLayout layout(t, kRootNode, 800);
    CHECK(layout.rects().size() < 2 * 800 / FlameLayout::kMinFrameWidth);
    for (const FlameRect& r : layout.rects())
        CHECK((r.merged > 0 || r.width >= FlameLayout::kMinFrameWidth || r.node != kRootNode));
}
