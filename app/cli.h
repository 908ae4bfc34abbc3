// The headless commands of CLI.md: run, runs, export, serve.
#pragma once

#include "model/scenario.h"

#include <atomic>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace perflab::cli {

bool isCommand(std::string_view word);
// Runs the command named by arguments[0]; returns the process exit code (CLI.md "Exit codes").
int runCommand(const std::vector<std::string>& arguments);
void printUsage();
// Runs a command's body, turning its errors into their message on stderr and CLI.md's exit code.
int withExitCodes(const std::string& command, const std::function<int()>& body);

class Args;
int runCommandRun(const std::vector<std::string>& arguments);
int runCommandRuns(const std::vector<std::string>& arguments);
int runCommandExport(const std::vector<std::string>& arguments);
int runCommandServe(const std::vector<std::string>& arguments);
// The body of `perflab run` for a scenario already loaded (the headless demo uses it too).
int runScenario(const Scenario& scenario, const Args& args);

// SIGINT/SIGTERM set a flag the running command polls; a second SIGINT ends the process at once.
const std::atomic<bool>& installStopSignals();

} // namespace perflab::cli
