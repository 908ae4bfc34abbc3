// Whether a run's requests are evidence enough for a verdict: a run that never got an answer, or got too
// few successful ones, fails with the reason instead of passing on empty percentiles.
#pragma once

#include "model/metrics/request_counts.h"

#include <cstdint>
#include <string>

namespace perflab {

// Empty when at least minSuccessful requests succeeded; else why no verdict can be given, one sentence
// ("the target never answered: all 225,415 requests failed (225,415 connect)").
std::string insufficientEvidence(const RequestCounts& counts, std::uint64_t minSuccessful);

// The error kinds that occurred, largest first: "225,415 connect, 3 timeout".
std::string describeErrorKinds(const RequestCounts& counts);

} // namespace perflab
