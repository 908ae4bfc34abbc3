// Folded stacks: a line scanner on string_views (no copies per frame) and the matching writer.
#include "model/profile/folded_stacks.h"

#include <cerrno>
#include <charconv>
#include <cstring>
#include <fstream>
#include <ostream>
#include <sstream>
#include <vector>

namespace perflab {

FoldedStackError::FoldedStackError(const std::string& source, std::size_t line, const std::string& problem)
    : std::runtime_error(source + ":" + std::to_string(line) + ": " + problem)
    , m_line(line) {}

namespace {

bool isBlank(char c) {
    return c == ' ' || c == '\t' || c == '\r';
}

std::string_view trimmed(std::string_view s) {
    while (!s.empty() && isBlank(s.front()))
        s.remove_prefix(1);
    while (!s.empty() && isBlank(s.back()))
        s.remove_suffix(1);
    return s;
}

std::string excerpt(std::string_view s) {
    constexpr std::size_t kShown = 60;
    return "'" + std::string(s.substr(0, kShown)) + (s.size() > kShown ? "...'" : "'");
}

// Splits one non-blank line into frames (appended to `frames`) and its count; throws what is wrong.
std::uint64_t parseLine(std::string_view line, Profile& profile, std::vector<FrameId>& frames,
                        const FoldedSource& source, std::size_t number) {
    const std::size_t space = line.find_last_of(" \t");
    if (space == std::string_view::npos && line.find_first_not_of("0123456789") == std::string_view::npos)
        throw FoldedStackError(source.name, number, "a sample count without a stack before it");
    if (space == std::string_view::npos)
        throw FoldedStackError(source.name, number,
                               "no sample count: expected 'frame;frame;... COUNT', got " + excerpt(line));
    const std::string_view countText = line.substr(space + 1);
    std::uint64_t count = 0;
    const auto [end, error] = std::from_chars(countText.data(), countText.data() + countText.size(), count);
    if (error != std::errc() || end != countText.data() + countText.size())
        throw FoldedStackError(source.name, number,
                               "the sample count " + excerpt(countText) +
                                   " is not a whole number (the last space-separated token must be one)");
    // `line` is trimmed, so the stack before the last space is never empty.
    const std::string_view stack = trimmed(line.substr(0, space));
    frames.clear();
    std::size_t start = 0;
    while (start <= stack.size()) {
        const std::size_t semicolon = std::min(stack.find(';', start), stack.size());
        const std::string_view name = stack.substr(start, semicolon - start);
        if (name.empty())
            throw FoldedStackError(source.name, number,
                                   "frame " + std::to_string(frames.size() + 1) + " of " + excerpt(stack) +
                                       " is empty (two ';' in a row, or one at an end)");
        frames.push_back(profile.internFrame(name));
        start = semicolon + 1;
    }
    return count;
}

} // namespace

Profile parseFoldedStacks(std::string_view text, const FoldedSource& source) {
    Profile profile;
    std::vector<FrameId> frames;
    std::size_t number = 0;
    while (!text.empty()) {
        const std::size_t newline = std::min(text.find('\n'), text.size());
        const std::string_view line = trimmed(text.substr(0, newline));
        text.remove_prefix(std::min(newline + 1, text.size()));
        ++number;
        if (line.empty())
            continue;
        const std::uint64_t count = parseLine(line, profile, frames, source, number);
        profile.addStack(frames, count, source.thread, source.engine);
    }
    return profile;
}

Profile readFoldedStacksFile(const std::filesystem::path& path, const FoldedSource& tags) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw std::runtime_error("cannot open the profile " + path.string() + ": " + std::strerror(errno));
    std::ostringstream text;
    text << in.rdbuf();
    if (in.bad())
        throw std::runtime_error("cannot read the profile " + path.string() + ": " + std::strerror(errno));
    FoldedSource source = tags;
    source.name = path.string();
    return parseFoldedStacks(text.str(), source);
}

void writeFoldedStacks(const Profile& profile, std::ostream& out) {
    for (FrameId id = 0; id < profile.frameCount(); ++id)
        if (profile.frameName(id).find_first_of(";\r\n") != std::string::npos)
            throw std::invalid_argument("the frame name " + excerpt(profile.frameName(id)) +
                                        " holds ';' or a line break, which folded stacks cannot express");
    for (std::size_t i = 0; i < profile.stackCount(); ++i) {
        const Profile::Stack stack = profile.stack(i);
        for (std::size_t f = 0; f < stack.frames.size(); ++f) {
            if (f > 0)
                out << ';';
            out << profile.frameName(stack.frames[f]);
        }
        out << ' ' << stack.count << '\n';
    }
}

} // namespace perflab
