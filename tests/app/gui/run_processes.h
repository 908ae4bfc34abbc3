// `perflab run` processes started, killed and reaped by a test, each with its error output in a file.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <optional>
#include <random>
#include <string>
#include <vector>

namespace perflab::test {

struct RunProcess {
    pid_t pid = 0;
    std::filesystem::path errorOutput;
    std::chrono::steady_clock::time_point started;
    bool killed = false;         // by killOne()
    std::optional<int> exitCode; // once reaped after a normal exit
    bool reaped = false;
};

class RunProcesses {
public:
    // `perflab` is the executable; error outputs go to `folder`.
    RunProcesses(std::filesystem::path perflab, std::filesystem::path folder);
    ~RunProcesses(); // kills and reaps what still runs
    RunProcesses(const RunProcesses&) = delete;
    RunProcesses& operator=(const RunProcesses&) = delete;

    // Starts `perflab run SCENARIO --db STORE --metrics off --quiet`.
    void start(const std::filesystem::path& scenario, const std::filesystem::path& store);
    // SIGKILLs one running process that has run at least `after`, picked at random; false when there is none.
    bool killOne(std::mt19937& random, std::chrono::milliseconds after);
    // Reaps the processes that ended, without waiting.
    void reap();
    // Reaps until every process ended; false when some still run at the deadline.
    bool waitAll(std::chrono::steady_clock::time_point deadline);
    std::size_t running() const;
    const std::vector<RunProcess>& all() const noexcept { return m_processes; }

private:
    std::filesystem::path m_perflab;
    std::filesystem::path m_folder;
    std::vector<RunProcess> m_processes;
};

// The whole text of a file (empty when it cannot be read).
std::string fileText(const std::filesystem::path& file);

} // namespace perflab::test
