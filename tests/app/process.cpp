// Process helpers for end-to-end tests: the real executable, real files, bounded by a time limit.
#include "tests/app/process.h"

#include <netinet/in.h>
#include <sys/socket.h>

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

LoopbackListener::LoopbackListener()
    : m_fd(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0)) {
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    if (m_fd < 0 || ::bind(m_fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0 ||
        ::listen(m_fd, 16) != 0 || ::getsockname(m_fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
        if (m_fd >= 0)
            ::close(m_fd);
        throw std::runtime_error("cannot listen on 127.0.0.1");
    }
    m_port = ntohs(address.sin_port);
}

LoopbackListener::~LoopbackListener() {
    ::close(m_fd);
}

ProcessResult runCommand(const std::string& command, const TempDir& dir) {
    const auto out = dir.path() / "stdout.txt";
    const auto err = dir.path() / "stderr.txt";
    const std::string line = "cd '" + dir.path().string() + "' && " + command + " > '" + out.string() +
                             "' 2> '" + err.string() + "' < /dev/null";
    const int status = std::system(line.c_str());
    ProcessResult result;
    result.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    result.out = readFile(out);
    result.err = readFile(err);
    return result;
}

ProcessResult runPerflab(const std::string& arguments, const TempDir& dir, const std::string& shellPrefix) {
    const std::string prefix = shellPrefix.empty() ? "timeout 120" : shellPrefix;
    return runCommand(prefix + " '" PERFLAB_BINARY_DIR "/bin/perflab' " + arguments, dir);
}

} // namespace perflab::test
