// The command-line parser accepts what docs/cli.md documents and names what it rejects.
#include "app/cli/cli_args.h"

#include <catch2/catch.hpp>

using perflab::cli::Args;
using perflab::cli::CommandSpec;
using perflab::cli::UsageError;

namespace {
const CommandSpec kSpec{.name = "export",
                        .usage = "",
                        .valueOptions = {"--run", "--out"},
                        .flags = {"--quiet"},
                        .minPositional = 0,
                        .maxPositional = 1};
}

TEST_CASE("options take the next argument or an inline value, flags take none") {
    const Args args(kSpec, {"--run", "7", "--out=report.csv", "--quiet", "file.json"});
    CHECK(args.runId("--run") == 7);
    CHECK(args.value("--out") == "report.csv");
    CHECK(args.flag("--quiet"));
    CHECK(args.positional() == std::vector<std::string>{"file.json"});
}

TEST_CASE("unknown options, missing values and extra arguments are usage errors that name them") {
    CHECK_THROWS_WITH(Args(kSpec, {"--colour"}), Catch::Contains("unknown option --colour"));
    CHECK_THROWS_WITH(Args(kSpec, {"--run"}), Catch::Contains("--run needs a value"));
    CHECK_THROWS_AS(Args(kSpec, {"a", "b"}), UsageError);
}

TEST_CASE("a run id must be a positive number") {
    CHECK_THROWS_WITH(Args(kSpec, {"--run", "seven"}).runId("--run"), Catch::Contains("\"seven\""));
    CHECK_THROWS_WITH(Args(kSpec, {"--run", "0"}).runId("--run"), Catch::Contains("positive"));
    CHECK_THROWS_WITH(Args(kSpec, {}).runId("--run"), Catch::Contains("--run is required"));
}

TEST_CASE("--help wins over otherwise bad arguments") {
    CHECK(Args(kSpec, {"--colour", "--help"}).helpRequested());
    CHECK(Args(kSpec, {"-h", "a", "b"}).helpRequested());
    CHECK_FALSE(Args(kSpec, {}).helpRequested());
}
