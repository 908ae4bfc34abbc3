// The orchestrator's request mix: the batches a real scheduler is sent, from one pod to a drained node
// pool, drawn from a seeded catalogue of services whose deploys follow Zipf popularity.
#pragma once

#include "engines/engine.h"

#include <cstdint>

namespace perflab::engines::orchestrator {

// `count` explicit {"pods":[...]} requests of five shapes (single pod, replicas of one service, mixed
// batch, large mixed batch, scale-out batch); with count >= 5 every shape has requests. The same count and
// seed give the same requests.
RequestMix drawRequestMix(std::size_t count, std::uint64_t seed);

} // namespace perflab::engines::orchestrator
