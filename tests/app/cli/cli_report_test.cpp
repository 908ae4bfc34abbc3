// perflab report and perflab run --report end to end, without a display: the PDF a CI job archives, its
// figures matching the summary JSON, and the exit codes of docs/cli.md.
#include "model/format/figure_format.h"
#include "model/results/summary.h"
#include "tests/app/process.h"
#include "tests/widgets/pdf_tools.h"

#include <catch2/catch.hpp>

using perflab::test::readFile;
using perflab::test::runPerflab;
using perflab::test::TempDir;

namespace {

// Two seconds of the analytics engine in-process, with an SLO it cannot meet (exit 1, a JUnit failure).
const std::string kScenario = R"({"name": "report e2e", "kind": "load",
    "target": {"engine": "analytics", "variant": "optimized", "via": "call"},
    "workload": {"model": "virtual-users", "threads": 1, "stages": [{"duration": "2s", "target": 2}]},
    "slo": {"p95_ms": 5000, "min_rpm": 1000000000}})";

const std::string kNoDisplay = "env -u QT_QPA_PLATFORM -u DISPLAY -u WAYLAND_DISPLAY";

} // namespace

TEST_CASE("a CI run writes its summary, a JUnit failure with the values and a PDF report whose figures "
          "match the summary") {
    TempDir dir;
    dir.write("s.json", kScenario);
    const auto run = runPerflab(
        "run s.json --db runs.db --quiet --summary-json summary.json --junit junit.xml --report run.pdf", dir,
        kNoDisplay);
    INFO(run.err);
    REQUIRE(run.exitCode == 1); // finished, an SLO failed
    const auto summary = perflab::summaryFromJson(readFile(dir.path() / "summary.json"));
    const std::string junit = readFile(dir.path() / "junit.xml");
    CHECK(junit.find("<testcase classname=\"perflab.slo\" name=\"p95_ms\" time=\"0\"></testcase>") !=
          std::string::npos);
    CHECK(junit.find("<failure message=\"min_rpm: measured ") != std::string::npos);
    CHECK(junit.find("threshold 1e+09") != std::string::npos);

    const auto pdf = dir.path() / "run.pdf";
    REQUIRE(std::filesystem::exists(pdf));
    CHECK(perflab::test::pdfPageCount(pdf) == 5);
    const std::string text = perflab::test::pdfText(pdf);
    CHECK(text.find("Verdict: FAILED") != std::string::npos);
    for (const auto& figure : perflab::headlineFigures(summary)) {
        INFO(figure.caption << " " << figure.value);
        CHECK(text.find(figure.value) != std::string::npos);
    }

    SECTION("report compares it with a baseline on Letter pages") {
        const auto id = std::to_string(summary.runId);
        const auto report = runPerflab("report --run " + id + " --baseline " + id +
                                           " --pdf compare.pdf --page-size letter --db runs.db",
                                       dir, kNoDisplay);
        INFO(report.err);
        REQUIRE(report.exitCode == 0);
        const auto compare = dir.path() / "compare.pdf";
        CHECK(perflab::test::pdfPageCount(compare) == 6);
        CHECK(perflab::test::pdfInfo(compare).find("612 x 792 pts (letter)") != std::string::npos);
        CHECK(perflab::test::pdfText(compare).find("Verdict: no change (tolerance 5 %)") !=
              std::string::npos);
    }

    SECTION("a missing run exits 2 naming it, and nothing is written") {
        const auto report = runPerflab("report --run 99 --pdf none.pdf --db runs.db", dir);
        CHECK(report.exitCode == 2);
        CHECK(report.err.find("no run 99") != std::string::npos);
        CHECK_FALSE(std::filesystem::exists(dir.path() / "none.pdf"));
    }

    SECTION("a file that cannot be written exits 3 with the OS's reason") {
        const auto report = runPerflab(
            "report --run " + std::to_string(summary.runId) + " --pdf no-folder/r.pdf --db runs.db", dir);
        CHECK(report.exitCode == 3);
        CHECK(report.err.find("cannot write no-folder/r.pdf: No such file or directory") !=
              std::string::npos);
    }
}

TEST_CASE("report without --pdf, with a bad page size or a missing store exits 2 and says what is wrong") {
    TempDir dir;
    const auto noPdf = runPerflab("report --run 1 --db runs.db", dir);
    CHECK(noPdf.exitCode == 2);
    CHECK(noPdf.err.find("--pdf FILE is required") != std::string::npos);
    const auto badSize = runPerflab("report --run 1 --pdf r.pdf --page-size a5 --db runs.db", dir);
    CHECK(badSize.exitCode == 2);
    CHECK(badSize.err.find("a4 or letter, got \"a5\"") != std::string::npos);
    const auto noStore = runPerflab("report --run 1 --pdf r.pdf --db missing.db", dir);
    CHECK(noStore.exitCode == 2);
    CHECK(noStore.err.find("no store at missing.db") != std::string::npos);
    const auto help = runPerflab("report --help", dir);
    CHECK(help.exitCode == 0);
    CHECK(help.out.find("--baseline ID") != std::string::npos);
}
