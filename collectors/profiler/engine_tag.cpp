// Scans a demangled name for "perflab::engines::<engine>::" outside <...> and (...).
#include "collectors/profiler/engine_tag.h"

namespace perflab::profiling {

namespace {

constexpr std::string_view kEnginesNamespace = "perflab::engines::";

std::optional<std::size_t> engineAt(std::string_view rest, std::span<const std::string> engines) {
    for (std::size_t i = 0; i < engines.size(); ++i)
        if (rest.starts_with(engines[i]) && rest.substr(engines[i].size()).starts_with("::"))
            return i;
    return std::nullopt;
}

} // namespace

std::optional<std::size_t> engineOfFrame(std::string_view frame, std::span<const std::string> engines) {
    int depth = 0;
    for (std::size_t i = 0; i < frame.size(); ++i) {
        const char c = frame[i];
        if (c == '<' || c == '(')
            ++depth;
        else if ((c == '>' || c == ')') && depth > 0)
            --depth;
        else if (depth == 0 && (i == 0 || frame[i - 1] == ' ') &&
                 frame.substr(i).starts_with(kEnginesNamespace))
            return engineAt(frame.substr(i + kEnginesNamespace.size()), engines);
    }
    return std::nullopt;
}

} // namespace perflab::profiling
