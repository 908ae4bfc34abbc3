// perflab compare: a candidate run against a baseline run, figure by figure, with the verdict at a
// tolerance; the same comparison the report's comparison page and the window's Compare page show.
#include "app/cli/cli.h"
#include "app/cli/cli_args.h"
#include "app/cli/output_file.h"
#include "model/format/figure_format.h"
#include "model/results/comparison.h"
#include "model/store/run_report.h"

#include <nlohmann/json.hpp>

#include <charconv>
#include <cstdio>
#include <iostream>

namespace perflab::cli {

namespace {

const CommandSpec kCompareSpec{
    .name = "compare",
    .usage =
        "usage: perflab compare --baseline ID --candidate ID [--tolerance PCT] [--json FILE] [--db FILE]\n"
        "Compares two stored runs: throughput (x), mean, p95 and p99 latency and the error rate (change\n"
        "in %), peak CPU, memory and RSS, and prints the verdict: improved, no change or regression.\n"
        "A figure counts when it changes by more than --tolerance percent (default 5); resources are\n"
        "shown but not judged. --json FILE writes the same figures as JSON.\n"
        "Exit: 0 improved or no change, 1 regression, 2 bad input (no such run or store), 3 could not\n"
        "write the JSON file.\n",
    .valueOptions = {"--db", "--baseline", "--candidate", "--tolerance", "--json"},
    .flags = {}};

double tolerancePercent(const Args& args) {
    const auto text = args.value("--tolerance");
    if (!text)
        return kDefaultTolerancePercent;
    double value = 0;
    const auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), value);
    if (error != std::errc{} || end != text->data() + text->size() || value < 0 || value > 1000)
        throw UsageError("compare: --tolerance: expected a percentage from 0 to 1000, got \"" + *text + "\"");
    return value;
}

std::string runLine(const char* role, const RunReport& r) {
    char line[256];
    std::snprintf(line, sizeof line, "%-10s #%-5lld %-36.36s %-18s %-12s %s\n", role,
                  static_cast<long long>(r.run.id), r.run.name.c_str(),
                  std::string(toString(r.run.kind)).c_str(), std::string(toString(r.run.status)).c_str(),
                  formatDurationS(r.summary.durationS).c_str());
    return line;
}

void printComparison(const RunReport& baseline, const RunReport& candidate, const Comparison& c) {
    std::cout << runLine("baseline", baseline) << runLine("candidate", candidate) << '\n';
    std::printf("%-20s %14s %14s %11s\n", "figure", "baseline", "candidate", "change");
    for (const FigureChange& f : c.changes)
        std::printf("%-20s %14s %14s %11s  %s%s\n", f.name.c_str(), formatFigure(f, f.baseline).c_str(),
                    formatFigure(f, f.candidate).c_str(), formatChangePercent(f.changePercent).c_str(),
                    std::string(changeLabel(f)).c_str(), f.judged ? "" : " (not judged)");
    std::printf("%-20s %14s %14s\n", "errors", formatCount(baseline.summary.counts.errors).c_str(),
                formatCount(candidate.summary.counts.errors).c_str());
    std::printf("%-20s %14s %14s\n\n", "requests", formatCount(baseline.summary.counts.requests).c_str(),
                formatCount(candidate.summary.counts.requests).c_str());
    std::printf("throughput x%s\n", formatFixed(c.throughputRatio, 2).c_str());
    if (c.verdict == ComparisonVerdict::NotComparable)
        std::printf("verdict: not comparable: %s\n", c.whyNotComparable.c_str());
    else
        std::printf("verdict: %s (tolerance %s %%)\n", std::string(toString(c.verdict)).c_str(),
                    formatSignificant(c.tolerancePercent).c_str());
}

nlohmann::json runJson(const RunReport& r) {
    return {{"run_id", r.run.id},
            {"name", r.run.name},
            {"kind", toString(r.run.kind)},
            {"status", toString(r.run.status)},
            {"started_ms", r.run.startedMs},
            {"duration_s", r.summary.durationS},
            {"requests", r.summary.counts.requests},
            {"errors", r.summary.counts.errors}};
}

nlohmann::json comparisonJson(const RunReport& baseline, const RunReport& candidate, const Comparison& c) {
    nlohmann::json figures = nlohmann::json::object();
    for (const FigureChange& f : c.changes)
        figures[f.key] = {{"baseline", f.baseline},
                          {"candidate", f.candidate},
                          {"change_percent", f.changePercent},
                          {"judged", f.judged},
                          {"change", changeLabel(f)}};
    return {{"baseline", runJson(baseline)},
            {"candidate", runJson(candidate)},
            {"tolerance_percent", c.tolerancePercent},
            {"throughput_ratio", c.throughputRatio},
            {"figures", figures},
            {"verdict", toString(c.verdict)},
            {"why_not_comparable", c.whyNotComparable}};
}

} // namespace

int runCommandCompare(const std::vector<std::string>& arguments) {
    const Args args(kCompareSpec, arguments);
    if (args.answeredHelp())
        return kPassed;
    const auto baselineId = args.runId("--baseline");
    const auto candidateId = args.runId("--candidate");
    const double tolerance = tolerancePercent(args);
    const RunStore store = openStoreForReading(args);
    // One chart bucket: the comparison needs the runs' totals, not their figures over time.
    const RunReport baseline = loadRunReport(store, baselineId, 1);
    const RunReport candidate = loadRunReport(store, candidateId, 1);
    const Comparison c = compareRuns(baseline.summary, candidate.summary, tolerance);
    if (const auto json = args.value("--json"))
        writeOutputFile(*json, [&](std::ostream& stream) {
            stream << comparisonJson(baseline, candidate, c).dump(2) << '\n';
        });
    printComparison(baseline, candidate, c);
    if (c.verdict == ComparisonVerdict::NotComparable) // a verdict between them would mean nothing
        return kBadInput;
    return c.verdict == ComparisonVerdict::Regression ? kSloFailed : kPassed;
}

} // namespace perflab::cli
