// The desktop app's entry point, called by main.cpp when no CLI command is given.
#pragma once

#include "model/store/run_store.h" // defaultStorePath(), the store callers pass when none is named

#include <cstdint>
#include <filesystem>
#include <string>

namespace perflab {

struct GuiOptions {
    std::filesystem::path db;      // the run store; empty = defaultStorePath()
    std::int64_t runId = 0;        // opened in the dashboard when not 0
    std::string perflabExecutable; // runs `<it> run …` for tests started in the window; empty = this program
};

// Creates the QApplication and the main window, and returns the event loop's exit code.
int runGui(int& argc, char** argv, const GuiOptions& options);

} // namespace perflab
