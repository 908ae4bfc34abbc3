// Folded stacks: what stackcollapse-perf, py-spy and inferno write reads in, writes back identically, and a
// malformed line names its number and its fault.
#include "model/profile/folded_stacks.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <sstream>

using namespace perflab;

namespace {

std::vector<std::string> names(const Profile& p, std::size_t stack) {
    std::vector<std::string> out;
    for (FrameId id : p.stack(stack).frames)
        out.push_back(p.frameName(id));
    return out;
}

std::string folded(const Profile& p) {
    std::ostringstream out;
    writeFoldedStacks(p, out);
    return out.str();
}

} // namespace

TEST_CASE("folded stacks read frames root first with their counts, sharing repeated frame names") {
    const Profile p = parseFoldedStacks("main;parse;lex 42\nmain;parse 8\nmain;run 50\n");
    REQUIRE(p.stackCount() == 3);
    CHECK(names(p, 0) == std::vector<std::string>{"main", "parse", "lex"});
    CHECK(p.stack(0).count == 42);
    CHECK(p.stack(2).count == 50);
    CHECK(p.frameCount() == 4);
    CHECK(p.totalSamples() == 100);
}

TEST_CASE("blank lines, CRLF endings, UTF-8 and spaces inside frame names are read as written") {
    const Profile p = parseFoldedStacks("\r\npython3;<module> (app.py:3);späť 7\r\n\r\n  \n"
                                        "operator new(unsigned long);[k] 0x1f 3\r\n",
                                        {.name = "x", .thread = "worker 1", .engine = "knowledge"});
    REQUIRE(p.stackCount() == 2);
    CHECK(names(p, 0) == std::vector<std::string>{"python3", "<module> (app.py:3)", "späť"});
    CHECK(names(p, 1) == std::vector<std::string>{"operator new(unsigned long)", "[k] 0x1f"});
    CHECK(p.stack(1).count == 3);
    CHECK(p.tagName(p.stack(0).thread) == "worker 1");
    CHECK(p.engines() == std::vector<std::string>{"knowledge"});
}

TEST_CASE("writing a read profile and reading it again gives identical stacks and counts") {
    const std::string text = "a;b;c 42\na;b 1\nx y;z 0\nmain;ünïcode frame 1000000000000\n";
    const Profile first = parseFoldedStacks(text);
    CHECK(folded(first) == text);
    const Profile second = parseFoldedStacks(folded(first));
    REQUIRE(second.stackCount() == first.stackCount());
    for (std::size_t i = 0; i < first.stackCount(); ++i) {
        CHECK(names(second, i) == names(first, i));
        CHECK(second.stack(i).count == first.stack(i).count);
    }
}

TEST_CASE("a malformed line is an error naming the source, the line number and the fault") {
    const auto failure = [](const std::string& text) {
        try {
            parseFoldedStacks(text, {.name = "perf.folded"});
        } catch (const FoldedStackError& e) {
            return std::make_pair(e.line(), std::string(e.what()));
        }
        return std::make_pair(std::size_t{0}, std::string("no error"));
    };
    auto [line, message] = failure("a;b 1\n\nmain;run\n");
    CHECK(line == 3);
    CHECK_THAT(message, Catch::StartsWith("perf.folded:3: no sample count"));

    std::tie(line, message) = failure("a;b 1\na;b 12x\n");
    CHECK(line == 2);
    CHECK_THAT(message, Catch::Contains("'12x' is not a whole number"));

    std::tie(line, message) = failure("a;b -4\n");
    CHECK_THAT(message, Catch::Contains("'-4' is not a whole number"));

    std::tie(line, message) = failure("a 1\r\na;;b 2\r\n");
    CHECK(line == 2);
    CHECK_THAT(message, Catch::Contains("frame 2 of 'a;;b' is empty"));

    std::tie(line, message) = failure("a 1\n 5\n");
    CHECK(line == 2);
    CHECK_THAT(message, Catch::Contains("without a stack"));
}

TEST_CASE("a frame name that folded stacks cannot express is refused when writing") {
    Profile p;
    const std::string_view stack[] = {"main", "a;b"};
    p.addStack(stack, 1);
    std::ostringstream out;
    CHECK_THROWS_WITH(writeFoldedStacks(p, out), Catch::Contains("'a;b'"));
}

TEST_CASE("a missing profile file is an error naming the path and the reason") {
    const std::filesystem::path missing = std::filesystem::temp_directory_path() / "perflab-no-such.folded";
    CHECK_THROWS_WITH(readFoldedStacksFile(missing),
                      Catch::Contains(missing.string()) && Catch::Contains("No such file"));
}
