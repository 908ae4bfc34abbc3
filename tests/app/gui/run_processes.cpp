// RunProcesses: fork and exec, as the window's QProcess::startDetached does (the child only redirects its
// output and execs, so nothing of the test's store connections runs in it).
#include "tests/app/gui/run_processes.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <iterator>
#include <stdexcept>
#include <thread>

namespace perflab::test {

RunProcesses::RunProcesses(std::filesystem::path perflab, std::filesystem::path folder)
    : m_perflab(std::move(perflab))
    , m_folder(std::move(folder)) {}

RunProcesses::~RunProcesses() {
    for (const RunProcess& process : m_processes)
        if (!process.reaped)
            ::kill(process.pid, SIGKILL);
    waitAll(std::chrono::steady_clock::now() + std::chrono::seconds(10));
}

void RunProcesses::start(const std::filesystem::path& scenario, const std::filesystem::path& store) {
    RunProcess process;
    process.errorOutput = m_folder / ("run-" + std::to_string(m_processes.size()) + ".stderr");
    // Everything the child needs is made before fork: after it, only async-signal-safe calls.
    const std::string program = m_perflab.string();
    const std::string scenarioArg = scenario.string();
    const std::string storeArg = store.string();
    const std::string errorFile = process.errorOutput.string();
    process.started = std::chrono::steady_clock::now();
    process.pid = ::fork();
    if (process.pid < 0)
        throw std::runtime_error("fork failed");
    if (process.pid == 0) {
        const int error = ::open(errorFile.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        const int nothing = ::open("/dev/null", O_RDWR);
        ::dup2(error, 2);
        ::dup2(nothing, 1);
        ::dup2(nothing, 0);
        ::close(error);
        ::close(nothing);
        ::execl(program.c_str(), "perflab", "run", scenarioArg.c_str(), "--db", storeArg.c_str(), "--metrics",
                "off", "--quiet", nullptr);
        ::_exit(127);
    }
    m_processes.push_back(std::move(process));
}

bool RunProcesses::killOne(std::mt19937& random, std::chrono::milliseconds after) {
    std::vector<RunProcess*> candidates;
    const auto now = std::chrono::steady_clock::now();
    for (RunProcess& process : m_processes)
        if (!process.reaped && !process.killed && now - process.started >= after)
            candidates.push_back(&process);
    if (candidates.empty())
        return false;
    RunProcess& victim = *candidates[random() % candidates.size()];
    victim.killed = ::kill(victim.pid, SIGKILL) == 0;
    return victim.killed;
}

void RunProcesses::reap() {
    for (RunProcess& process : m_processes) {
        int status = 0;
        if (process.reaped || ::waitpid(process.pid, &status, WNOHANG) != process.pid)
            continue;
        process.reaped = true;
        if (WIFEXITED(status))
            process.exitCode = WEXITSTATUS(status);
    }
}

bool RunProcesses::waitAll(std::chrono::steady_clock::time_point deadline) {
    for (reap(); running() > 0 && std::chrono::steady_clock::now() < deadline; reap())
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    return running() == 0;
}

std::size_t RunProcesses::running() const {
    std::size_t count = 0;
    for (const RunProcess& process : m_processes)
        count += process.reaped ? 0 : 1;
    return count;
}

std::string fileText(const std::filesystem::path& file) {
    std::ifstream in(file);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

} // namespace perflab::test
