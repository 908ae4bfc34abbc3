// Frame search: case-insensitive matches, and the share of samples they cover counted once per sample.
#include "model/profile/frame_search.h"

#include "tests/model/call_tree_fixture.h"

#include <catch2/catch.hpp>

using namespace perflab;

using test::nodeAt;
using test::treeOf;

TEST_CASE("a search matches frame names containing the text in any case") {
    const auto owner = treeOf("main;Parse;lex 30\nmain;run 70\n");
    const CallTree& t = *owner;
    const FrameSearch search(t, "pARs");
    CHECK(search.isActive());
    CHECK(search.matches(nodeAt(t, {"main", "Parse"})));
    CHECK_FALSE(search.matches(nodeAt(t, {"main", "run"})));
    CHECK(search.matchedSamples() == 30);
    CHECK(search.matchedShare() == Approx(0.30));
}

TEST_CASE("samples passing through nested matches are counted once") {
    const auto owner = treeOf("main;lock;work;lock 20\nmain;a;lock 5\nmain;b 75\n");
    const CallTree& t = *owner;
    const FrameSearch search(t, "lock");
    CHECK(search.matchedSamples() == 25);
    CHECK(search.matchedShare() == Approx(0.25));
}

TEST_CASE("an empty search highlights nothing") {
    const auto owner = treeOf("main;a 1\n");
    const CallTree& t = *owner;
    const FrameSearch search(t, "");
    CHECK_FALSE(search.isActive());
    CHECK_FALSE(search.matches(1));
    CHECK(search.matchedShare() == 0);
}
