// Differential profiles: shares of each profile's own total, their change, and paths one side lacks.
#include "model/profile/profile_diff.h"

#include "tests/model/call_tree_fixture.h"

#include <catch2/catch.hpp>

using namespace perflab;

using test::nodeAt;
using test::treeOf;

TEST_CASE("a differential compares each path's share of its own profile's samples") {
    // Baseline: 100 samples, parse 40 % (self 10 %), lex 30 %. Comparison: 400 samples, parse 25 %, lex 5 %.
    const ProfileDiff diff(treeOf("main;parse;lex 30\nmain;parse 10\nmain;run 60\n"),
                           treeOf("main;parse;lex 20\nmain;parse 80\nmain;run 300\n"));
    const NodeDiff parse = diff.at(nodeAt(diff.comparison(), {"main", "parse"}));
    CHECK(parse.baselineTotal == 40);
    CHECK(parse.baselineShare == Approx(0.40));
    CHECK(parse.comparisonShare == Approx(0.25));
    CHECK(parse.delta == Approx(-0.15));
    CHECK(parse.baselineSelfShare == Approx(0.10));
    CHECK(parse.comparisonSelfShare == Approx(0.20));
    CHECK(parse.selfDelta == Approx(0.10));

    const NodeDiff lex = diff.at(nodeAt(diff.comparison(), {"main", "parse", "lex"}));
    CHECK(lex.selfDelta == Approx(0.05 - 0.30));
    const NodeDiff run = diff.at(nodeAt(diff.comparison(), {"main", "run"}));
    CHECK(run.delta == Approx(0.75 - 0.60));
    CHECK(diff.largestSelfChange() == Approx(0.25));

    const NodeDiff root = diff.at(kRootNode);
    CHECK(root.baselineShare == Approx(1.0));
    CHECK(root.delta == Approx(0.0));
}

TEST_CASE("a path new in the comparison has a baseline share of zero and grows by its whole share") {
    const ProfileDiff diff(treeOf("main;a 10\n"), treeOf("main;a 5\nmain;cache;evict 5\n"));
    const NodeDiff evict = diff.at(nodeAt(diff.comparison(), {"main", "cache", "evict"}));
    CHECK(evict.baselineTotal == 0);
    CHECK(evict.delta == Approx(0.5));
    CHECK(evict.selfDelta == Approx(0.5));
}

TEST_CASE("a path gone from the comparison still counts in its callers' baseline share") {
    const ProfileDiff diff(treeOf("main;a;old 6\nmain;a 2\nmain;b 2\n"), treeOf("main;a 5\nmain;b 5\n"));
    const NodeDiff a = diff.at(nodeAt(diff.comparison(), {"main", "a"}));
    CHECK(a.baselineShare == Approx(0.8));
    CHECK(a.comparisonShare == Approx(0.5));
    CHECK(a.selfDelta == Approx(0.5 - 0.2));
    CHECK_FALSE(diff.comparison().find(std::vector<std::string_view>{"main", "a", "old"}));
}

TEST_CASE("paths match by frame names even when the profiles number their frames differently") {
    const ProfileDiff diff(treeOf("zeta 1\nmain;b 3\n"), treeOf("main;b 1\nmain;z 1\n"));
    const NodeDiff b = diff.at(nodeAt(diff.comparison(), {"main", "b"}));
    CHECK(b.baselineTotal == 3);
    CHECK(b.baselineShare == Approx(0.75));
    CHECK(b.comparisonShare == Approx(0.5));
}
