// Runs the perflab executable as a user would, capturing exit code, stdout and stderr.
#pragma once

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

// `shellPrefix` goes before the executable (e.g. "timeout -s INT --preserve-status 2"); arguments are shell
// words.
ProcessResult runPerflab(const std::string& arguments, const TempDir& dir,
                         const std::string& shellPrefix = "");
std::string readFile(const std::filesystem::path& path);

} // namespace perflab::test
