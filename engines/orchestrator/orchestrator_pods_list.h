// The common form of an orchestrator request, a plain list of pods, read in one pass over its characters.
// Whatever else a request holds (a batch, other keys, strings, nesting, a value out of range, bad JSON) is
// left to the general reader, which knows every form and says what is wrong.
#pragma once

#include "engines/orchestrator/orchestrator_cluster.h"

#include <optional>
#include <string_view>
#include <vector>

namespace perflab::engines::orchestrator {

// {"pods":[{"cpu":C,"memory":M},...]} with JSON whitespace anywhere, either key order, 1..kMaxPods pods
// and every value a valid request: the pods in order. Anything else: nullopt (never a wrong answer: all it
// accepts is valid JSON meaning exactly these pods).
std::optional<std::vector<Pod>> readPlainPodsList(std::string_view text);

} // namespace perflab::engines::orchestrator
