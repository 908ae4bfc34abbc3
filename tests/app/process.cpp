// Process helpers for end-to-end tests: the real executable, real files, bounded by a time limit.
#include "process.h"

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <sys/wait.h>
#include <unistd.h>

namespace perflab::test {

TempDir::TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "perflab-test-XXXXXX").string();
    if (!::mkdtemp(pattern.data()))
        throw std::runtime_error("mkdtemp failed");
    m_path = pattern;
}

TempDir::~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(m_path, ec);
}

std::filesystem::path TempDir::write(const std::string& name, const std::string& text) const {
    const auto file = m_path / name;
    std::ofstream(file) << text;
    return file;
}

std::string readFile(const std::filesystem::path& path) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

ProcessResult runPerflab(const std::string& arguments, const TempDir& dir, const std::string& shellPrefix) {
    const auto out = dir.path() / "stdout.txt";
    const auto err = dir.path() / "stderr.txt";
    const std::string prefix = shellPrefix.empty() ? "timeout 120" : shellPrefix;
    const std::string command = "cd '" + dir.path().string() + "' && " + prefix +
                                " '" PERFLAB_BINARY_DIR "/bin/perflab' " + arguments + " > '" + out.string() +
                                "' 2> '" + err.string() + "' < /dev/null";
    const int status = std::system(command.c_str());
    ProcessResult result;
    result.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    result.out = readFile(out);
    result.err = readFile(err);
    return result;
}

} // namespace perflab::test
