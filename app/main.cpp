// perflab: a CLI command when the first argument names one; otherwise the desktop app, or, with no
// display to show it on, a short headless demo run on the hosted engines.
#include "app/cli/cli.h"
#include "app/cli/cli_args.h"
#include "app/gui/gui.h"
#include "app/run/run_controller.h"

#include <QFile>

#include <cstdlib>
#include <iostream>

namespace {

const perflab::cli::CommandSpec kAppSpec{.name = "perflab",
                                         .usage = "usage: perflab [--db FILE] [--run ID]\n",
                                         .valueOptions = {"--db", "--run"},
                                         .flags = {}};

bool hasDisplay() {
    for (const char* variable : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"})
        if (const char* value = std::getenv(variable); value && *value)
            return true;
    return false;
}

int runHeadlessDemo(const perflab::cli::Args& args) {
    std::cerr << "perflab: no display; running a short headless demo on the hosted engines instead\n";
    QFile file(":/scenarios/demo.json");
    if (!file.open(QIODevice::ReadOnly))
        throw perflab::RunError("the built-in demo scenario is missing from this build");
    const auto scenario = perflab::parseScenario(file.readAll().toStdString(), "demo.json");
    return perflab::cli::runScenario(scenario, args);
}

} // namespace

int main(int argc, char** argv) {
    Q_INIT_RESOURCE(resources); // the resources live in the static perflab_app library
    std::vector<std::string> arguments(argv + 1, argv + argc);
    if (!arguments.empty() && perflab::cli::isCommand(arguments.front()))
        return perflab::cli::runCommand(arguments);
    try {
        const perflab::cli::Args args(kAppSpec, arguments);
        if (args.helpRequested()) {
            std::cout << kAppSpec.usage;
            perflab::cli::printUsage();
            return 0;
        }
        if (!hasDisplay())
            return perflab::cli::withExitCodes("run", [&] { return runHeadlessDemo(args); });
        perflab::GuiOptions options;
        options.db = args.value("--db").value_or(perflab::defaultStorePath().string());
        options.runId = args.value("--run") ? args.runId("--run") : 0;
        return perflab::runGui(argc, argv, options);
    } catch (const perflab::cli::UsageError& e) {
        std::cerr << e.what() << "\n";
        perflab::cli::printUsage();
        return perflab::cli::kBadInput;
    }
}
