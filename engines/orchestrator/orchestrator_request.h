// The orchestrator's request: the pods to place, listed or as a seeded batch.
#pragma once

#include "engines/orchestrator/orchestrator_cluster.h"

#include <stdexcept>
#include <string_view>
#include <vector>

namespace perflab::engines::orchestrator {

// Bad request text; the engines answer it with status 400 and this message.
class RequestError : public std::invalid_argument {
public:
    using std::invalid_argument::invalid_argument;
};

inline constexpr std::size_t kMaxPods = 10'000;

// {"pods":[{"cpu":500,"memory":1024},...]} or {"batch":{"seed":7,"pods":200}}. Throws RequestError
// naming the key, pod or value at fault.
std::vector<Pod> parsePods(std::string_view requestJson);

} // namespace perflab::engines::orchestrator
