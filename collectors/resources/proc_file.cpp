// ProcFile and the /proc text parsers.
#include "collectors/resources/proc_file.h"

#include <algorithm>
#include <charconv>
#include <fcntl.h>
#include <unistd.h>

namespace perflab {

ProcFile::ProcFile(const std::filesystem::path& path, int flags)
    : m_fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC | flags)) {}

ProcFile::~ProcFile() {
    if (m_fd >= 0)
        ::close(m_fd);
}

std::string_view ProcFile::read() {
    if (m_fd < 0)
        return {};
    const ssize_t n = ::pread(m_fd, m_buffer, sizeof m_buffer - 1, 0);
    return n > 0 ? std::string_view(m_buffer, static_cast<std::size_t>(n)) : std::string_view{};
}

std::uint64_t parseNumber(std::string_view text) {
    std::uint64_t value = 0;
    std::from_chars(text.data(), text.data() + text.size(), value);
    return value;
}

std::string_view nextField(std::string_view& text) {
    const auto start = text.find_first_not_of(' ');
    if (start == std::string_view::npos) {
        text = {};
        return {};
    }
    text.remove_prefix(start);
    const auto end = std::min(text.find_first_of(" \n"), text.size());
    const auto field = text.substr(0, end);
    text.remove_prefix(end);
    return field;
}

std::string_view statField(std::string_view stat, int number) {
    const auto close = stat.rfind(')');
    if (close == std::string_view::npos || number < 3)
        return {};
    stat.remove_prefix(close + 1);
    for (int field = 3; field < number; ++field)
        nextField(stat);
    return nextField(stat);
}

std::uint64_t kibFieldBytes(std::string_view text, std::string_view key) {
    const auto at = text.find(key);
    if (at == std::string_view::npos)
        return 0;
    auto rest = text.substr(at + key.size());
    rest.remove_prefix(std::min(rest.find_first_not_of(" \t"), rest.size())); // status pads with a tab
    return parseNumber(rest) * 1024;
}

std::uint64_t statCpuTicks(std::string_view stat) {
    return parseNumber(statField(stat, 14)) + parseNumber(statField(stat, 15));
}

double clockTicksPerSecond() {
    static const double perSecond = static_cast<double>(::sysconf(_SC_CLK_TCK));
    return perSecond;
}

} // namespace perflab
