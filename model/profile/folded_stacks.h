// Folded stacks (`a;b;c 42`, as written by stackcollapse-perf, py-spy --format raw and inferno): read into a
// Profile and written back out.
#pragma once

#include "model/profile/profile.h"

#include <cstddef>
#include <filesystem>
#include <iosfwd>
#include <stdexcept>
#include <string>
#include <string_view>

namespace perflab {

// A malformed line: the message names the source, the line number and what is wrong with it.
class FoldedStackError : public std::runtime_error {
public:
    FoldedStackError(const std::string& source, std::size_t line, const std::string& problem);
    std::size_t line() const { return m_line; }

private:
    std::size_t m_line;
};

// Where the text came from (for messages) and the tags its stacks get (folded text carries none).
struct FoldedSource {
    std::string name = "folded stacks";
    std::string thread{};
    std::string engine{};
};

// One stack per line: frames root first, separated by ';', then a space and the sample count. Names may
// hold spaces and any UTF-8 (the count is the last space-separated token); blank lines and CRLF are fine.
Profile parseFoldedStacks(std::string_view text, const FoldedSource& source = {});
// Reads a whole file; an unreadable file throws std::runtime_error with the path and the OS's reason.
Profile readFoldedStacksFile(const std::filesystem::path& path, const FoldedSource& tags = {});
// One line per stack in the profile's order (tags are not part of the format); a frame name holding ';'
// or a line break cannot be written and throws std::invalid_argument naming it.
void writeFoldedStacks(const Profile& profile, std::ostream& out);

} // namespace perflab
