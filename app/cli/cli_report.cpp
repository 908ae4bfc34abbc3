// perflab report: the PDF report of a stored run, optionally compared with a baseline run; also what
// `perflab run --report` writes at the end of a run.
#include "app/cli/cli.h"
#include "app/cli/cli_args.h"
#include "app/gui/main_window.h"
#include "model/store/run_report.h"
#include "widgets/report/report_writer.h"

#include <QApplication>

#include <iostream>
#include <memory>

namespace perflab::cli {

namespace {

const CommandSpec kReportSpec{
    .name = "report",
    .usage =
        "usage: perflab report --run ID [--baseline ID] --pdf FILE [--page-size a4|letter] [--db FILE]\n"
        "Writes the PDF report of a stored run: cover, SLO verdicts and headline figures, latency,\n"
        "throughput and errors over time, resources, the percentile spectrum, and the page of its kind\n"
        "(stress: breaking point; soak: endurance and leak verdict; dependency-failure: fault timeline).\n"
        "--baseline ID adds a comparison page with a verdict (improved, no change, regression; 5 %).\n"
        "Needs no display. Exit: 0 written, 2 bad input (no such run or store), 3 could not write.\n",
    .valueOptions = {"--db", "--run", "--baseline", "--pdf", "--page-size"},
    .flags = {}};

// Widgets need an application object; a command line has no display to spare, so it paints offscreen.
std::unique_ptr<QApplication> paintingApplication() {
    if (QCoreApplication::instance())
        return nullptr;
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    static int argc = 1;
    static char name[] = "perflab";
    static char* argv[] = {name, nullptr};
    auto app = std::make_unique<QApplication>(argc, argv);
    applyLook(*app);
    return app;
}

} // namespace

ReportPageSize reportPageSize(const Args& args) {
    const auto size = args.value("--page-size").value_or("a4");
    if (size == "a4")
        return ReportPageSize::A4;
    if (size == "letter")
        return ReportPageSize::Letter;
    throw UsageError(args.command() + ": --page-size must be a4 or letter, got \"" + size + "\"");
}

void writeRunReport(const RunStore& store, std::int64_t runId, std::optional<std::int64_t> baselineId,
                    const std::string& pdf, ReportPageSize size) {
    const auto buckets = ReportWriter::chartBuckets(size);
    const RunReport run = loadRunReport(store, runId, buckets);
    std::optional<RunReport> baseline;
    if (baselineId)
        baseline = loadRunReport(store, *baselineId, buckets);
    const auto app = paintingApplication();
    ReportWriter(run, baseline ? &*baseline : nullptr, size).write(QString::fromStdString(pdf));
}

int runCommandReport(const std::vector<std::string>& arguments) {
    const Args args(kReportSpec, arguments);
    if (args.answeredHelp())
        return kPassed;
    const auto runId = args.runId("--run");
    const auto baselineId = args.value("--baseline") ? std::optional(args.runId("--baseline")) : std::nullopt;
    const auto pdf = args.value("--pdf");
    if (!pdf)
        throw UsageError("report: --pdf FILE is required");
    const auto size = reportPageSize(args);
    const auto path = storePath(args);
    if (!std::filesystem::exists(path))
        throw std::invalid_argument("no store at " + path.string());
    const RunStore store(path, RunStore::Mode::ReadOnly);
    writeRunReport(store, runId, baselineId, *pdf, size);
    return kPassed;
}

} // namespace perflab::cli
