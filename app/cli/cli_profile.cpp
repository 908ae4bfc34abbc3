// perflab import-profile and the folded / speedscope formats of perflab export: profiles in and out of the
// store.
#include "app/cli/cli.h"
#include "app/cli/cli_args.h"
#include "app/cli/output_file.h"
#include "model/profile/folded_stacks.h"
#include "model/profile/speedscope_writer.h"
#include "model/store/run_store.h"

#include <charconv>
#include <iostream>

namespace perflab::cli {

namespace {

const CommandSpec kImportSpec{
    .name = "import-profile",
    .usage = "usage: perflab import-profile FILE [--name NAME] [--db FILE]\n"
             "Stores a folded-stack profile ('a;b;c 42' lines, as written by stackcollapse-perf,\n"
             "py-spy --format raw or inferno) as a run with one imported slice and prints its run id.\n",
    .valueOptions = {"--db", "--name"},
    .flags = {},
    .minPositional = 1,
    .maxPositional = 1};

// Seconds from the run's start, as --from/--to give them.
std::optional<std::int64_t> offsetMs(const Args& args, const std::string& option) {
    const auto text = args.value(option);
    if (!text)
        return std::nullopt;
    double seconds = 0;
    const auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), seconds);
    if (error != std::errc() || end != text->data() + text->size() || seconds < 0)
        throw UsageError("export: " + option +
                         " takes seconds from the run's start (e.g. 90 or 12.5), got \"" + *text + "\"");
    return static_cast<std::int64_t>(seconds * 1000);
}

std::string secondsText(std::int64_t ms) {
    return std::to_string(ms / 1000) + (ms % 1000 ? "." + std::to_string(ms % 1000 + 1000).substr(1) : "") +
           " s";
}

} // namespace

int runCommandImportProfile(const std::vector<std::string>& arguments) {
    const Args args(kImportSpec, arguments);
    if (args.answeredHelp())
        return kPassed;
    const std::filesystem::path file = args.positional().front();
    if (!std::filesystem::is_regular_file(file))
        throw std::invalid_argument("import-profile: no profile file " + file.string());
    Profile profile;
    try {
        profile = readFoldedStacksFile(file);
    } catch (const FoldedStackError& error) {
        throw std::invalid_argument(error.what()); // bad input: exit 2, naming the file and line
    }
    if (profile.stackCount() == 0)
        throw std::invalid_argument(file.string() + " holds no stacks");

    RunStore store(args.value("--db").value_or(defaultStorePath().string()));
    const std::string name = args.value("--name").value_or(file.filename().string());
    const std::int64_t startedMs = epochMsNow();
    // Folded text carries no times: the slice covers the moment of the import.
    const std::int64_t id = store.beginRun(name, TestKind::Imported, "{}", startedMs);
    store.appendProfile(id, startedMs, startedMs, "imported", profile);
    store.finishRun(id, RunStatus::Passed, "", startedMs);
    std::cout << id << '\n';
    return kPassed;
}

void exportProfile(const RunStore& store, const RunInfo& run, const std::string& format,
                   const std::string& out, const Args& args) {
    if (store.profileSlices(run.id).empty())
        throw std::invalid_argument("run " + std::to_string(run.id) + " (" + run.name +
                                    ") has no profile: it was run without the profiler");
    const auto from = offsetMs(args, "--from");
    const auto to = offsetMs(args, "--to");
    if (from && to && *to <= *from)
        throw UsageError("export: --to must be after --from");
    const Profile profile =
        store.profile(run.id, from ? run.startedMs + *from : INT64_MIN, to ? run.startedMs + *to : INT64_MAX);
    if (profile.stackCount() == 0)
        throw std::invalid_argument("run " + std::to_string(run.id) + " has no profile samples between " +
                                    secondsText(from.value_or(0)) + " and " +
                                    (to ? secondsText(*to) : std::string("its end")));
    writeOutputFile(out, [&](std::ostream& stream) {
        if (format == "folded")
            writeFoldedStacks(profile, stream);
        else
            writeSpeedscope(profile, run.name, stream);
    });
}

} // namespace perflab::cli
