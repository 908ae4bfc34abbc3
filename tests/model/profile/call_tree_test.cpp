// Call trees: self and total samples per call path, filtering by thread or engine, merged profiles, and a
// million samples built well within a second.
#include "model/profile/call_tree.h"

#include "tests/model/call_tree_fixture.h"

#include <catch2/catch.hpp>

#include <ctime>
#include <random>

using namespace perflab;
using test::nodeAt;

namespace {

std::shared_ptr<const Profile> shared(Profile p) {
    return std::make_shared<const Profile>(std::move(p));
}

Profile tagged() {
    Profile p;
    const std::string_view a[] = {"main", "serve", "query"};
    const std::string_view b[] = {"main", "serve", "plan"};
    const std::string_view c[] = {"main", "flush"};
    p.addStack(a, 30, "worker-1", "knowledge");
    p.addStack(b, 10, "worker-2", "knowledge");
    p.addStack(c, 5, "writer", "analytics");
    return p;
}

} // namespace

TEST_CASE("a call tree counts self samples where stacks end and totals through every caller") {
    const CallTree tree(shared(parseFoldedStacks("main;a;b 5\nmain;a 3\nmain;c 2\nmain;a;b 1\n")));
    CHECK(tree.totalSamples() == 11);
    CHECK(tree.node(nodeAt(tree, {"main"})).total == 11);
    CHECK(tree.node(nodeAt(tree, {"main"})).self == 0);
    CHECK(tree.node(nodeAt(tree, {"main", "a"})).total == 9);
    CHECK(tree.node(nodeAt(tree, {"main", "a"})).self == 3);
    CHECK(tree.node(nodeAt(tree, {"main", "a", "b"})).self == 6);
    CHECK(tree.node(nodeAt(tree, {"main", "a", "b"})).depth == 3);
    CHECK(tree.size() == 5);
    CHECK_FALSE(tree.find(std::vector<std::string_view>{"main", "b"}));
}

TEST_CASE("the same frame under different callers is a different node") {
    const CallTree tree(shared(parseFoldedStacks("main;a;lock 4\nmain;b;lock 6\n")));
    CHECK(tree.node(nodeAt(tree, {"main", "a", "lock"})).total == 4);
    CHECK(tree.node(nodeAt(tree, {"main", "b", "lock"})).total == 6);
}

TEST_CASE("children are ordered heaviest first, and by name on equal samples") {
    const CallTree tree(shared(parseFoldedStacks("m;small 1\nm;big 9\nm;beta 4\nm;alpha 4\n")));
    std::vector<std::string_view> order;
    for (NodeId child : tree.children(nodeAt(tree, {"m"})))
        order.push_back(tree.name(child));
    CHECK(order == std::vector<std::string_view>{"big", "alpha", "beta", "small"});
    CHECK(tree.path(nodeAt(tree, {"m", "big"})).size() == 3);
}

TEST_CASE("filtering by thread or engine keeps only the samples taken there") {
    const auto profile = shared(tagged());
    CHECK(profile->threads() == std::vector<std::string>{"worker-1", "worker-2", "writer"});
    CHECK(profile->engines() == std::vector<std::string>{"analytics", "knowledge"});

    const CallTree worker(profile, {.thread = "worker-1"});
    CHECK(worker.totalSamples() == 30);
    CHECK_FALSE(worker.find(std::vector<std::string_view>{"main", "serve", "plan"}));

    const CallTree knowledge(profile, {.engine = "knowledge"});
    CHECK(knowledge.totalSamples() == 40);
    CHECK(knowledge.node(nodeAt(knowledge, {"main", "serve"})).total == 40);

    CHECK(CallTree(profile, {.thread = "writer", .engine = "knowledge"}).totalSamples() == 0);
    CHECK(profile->filtered({.engine = "analytics"}).totalSamples() == 5);
}

TEST_CASE("merging two profiles adds their samples path by path and keeps their tags") {
    Profile merged = parseFoldedStacks("main;a 3\nmain;b 1\n", {.thread = "t1"});
    merged.merge(parseFoldedStacks("main;a 2\nmain;c 4\n", {.thread = "t2"}));
    const CallTree tree(shared(std::move(merged)));
    CHECK(tree.totalSamples() == 10);
    CHECK(tree.node(nodeAt(tree, {"main", "a"})).total == 5);
    CHECK(tree.node(nodeAt(tree, {"main", "c"})).total == 4);
    CHECK(tree.profile().threads() == std::vector<std::string>{"t1", "t2"});
}

TEST_CASE("a profile merged with itself holds every sample twice") {
    Profile p = parseFoldedStacks("main;a 3\nmain;b 1\n");
    p.merge(p);
    const CallTree tree(shared(std::move(p)));
    CHECK(tree.totalSamples() == 8);
    CHECK(tree.node(nodeAt(tree, {"main", "a"})).total == 6);
}

TEST_CASE("a profile refuses an empty stack and an id it never interned") {
    Profile p;
    CHECK_THROWS_AS(p.addStack(std::span<const FrameId>(), 1), std::invalid_argument);
    const FrameId unknown[] = {7};
    CHECK_THROWS_WITH(p.addStack(unknown, 1), Catch::Contains("frame id 7"));
}

TEST_CASE("a million samples over fifty thousand frames build a call tree well within a second") {
    // 200 k stacks of 1 to 9 samples each, drawn from 50 k call paths that grow out of one another.
    std::mt19937 random(7);
    Profile p;
    for (int f = 0; f < 50'000; ++f)
        p.internFrame("frame_" + std::to_string(f));
    std::vector<std::vector<FrameId>> paths{{0, 1, 2}};
    std::uniform_int_distribution<FrameId> frame(3, 49'999);
    while (paths.size() < 50'000) {
        std::vector<FrameId> path =
            paths[std::uniform_int_distribution<std::size_t>(0, paths.size() - 1)(random)];
        path.resize(std::uniform_int_distribution<std::size_t>(1, path.size())(random));
        for (int extra = std::uniform_int_distribution<int>(1, 6)(random); extra > 0; --extra)
            path.push_back(frame(random));
        paths.push_back(std::move(path));
    }
    std::uint64_t samples = 0;
    std::uniform_int_distribution<std::uint64_t> count(1, 9);
    while (samples < 1'000'000) {
        const std::uint64_t n = std::min<std::uint64_t>(count(random), 1'000'000 - samples);
        p.addStack(paths[std::uniform_int_distribution<std::size_t>(0, paths.size() - 1)(random)], n);
        samples += n;
    }
    // Processor time, not wall time: the machine may be busy with other work while this runs.
    const std::clock_t start = std::clock();
    const CallTree tree(shared(std::move(p)));
    [[maybe_unused]] const double seconds = static_cast<double>(std::clock() - start) / CLOCKS_PER_SEC;
    CHECK(tree.totalSamples() == 1'000'000);
    CHECK(tree.profile().frameCount() == 50'000);
#ifndef __SANITIZE_ADDRESS__ // sanitizers slow everything several times over
    CHECK(seconds < 1.0);
#endif
}
