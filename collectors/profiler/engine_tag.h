// Which hosted engine a symbolized frame belongs to: engines live in namespaces perflab::engines::<name>.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace perflab::profiling {

// The index in `engines` of the one whose namespace qualifies the function `frame` names. Only the
// function's own qualified name counts, not template or call arguments that mention an engine's type
// (std::function<...engines::analytics...>::operator() is not analytics code).
std::optional<std::size_t> engineOfFrame(std::string_view frame, std::span<const std::string> engines);

} // namespace perflab::profiling
