// Runs the perflab executable as a user would, capturing exit code, stdout and stderr.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

namespace perflab::test {

struct ProcessResult {
    int exitCode = -1;
    std::string out;
    std::string err;
};

// A fresh folder for one test's files, removed when the test ends.
class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& path() const noexcept { return m_path; }
    std::filesystem::path write(const std::string& name, const std::string& text) const;

private:
    std::filesystem::path m_path;
};

// A listening TCP socket on 127.0.0.1 at a free port, closed when it goes. It accepts nothing: connections
// wait in its backlog, so it serves as a target that never answers; a temporary one yields a free port.
class LoopbackListener {
public:
    LoopbackListener();
    ~LoopbackListener();
    LoopbackListener(const LoopbackListener&) = delete;
    LoopbackListener& operator=(const LoopbackListener&) = delete;
    std::uint16_t port() const noexcept { return m_port; }

private:
    int m_fd = -1;
    std::uint16_t m_port = 0;
};

// Runs a shell command line in `dir`, capturing its exit code, stdout and stderr.
ProcessResult runCommand(const std::string& command, const TempDir& dir);

// `shellPrefix` goes before the executable (e.g. "timeout -s INT --preserve-status 2"); arguments are shell
// words.
ProcessResult runPerflab(const std::string& arguments, const TempDir& dir,
                         const std::string& shellPrefix = "");
std::string readFile(const std::filesystem::path& path);

} // namespace perflab::test
