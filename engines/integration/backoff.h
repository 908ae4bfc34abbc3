// Retry delays: exponential in the retry number, capped, with jitter so clients that failed together do not
// retry together.
#pragma once

#include <chrono>
#include <random>

namespace perflab::engines::integration {

struct BackoffPolicy {
    std::chrono::microseconds base{2000}; // the first retry's ceiling
    std::chrono::microseconds cap{50'000};
};

// "Equal jitter": uniform in [ceiling/2, ceiling], ceiling = min(cap, base * 2^retry); retry counts from 0.
std::chrono::microseconds backoffDelay(const BackoffPolicy& policy, unsigned retry, std::mt19937_64& rng);

} // namespace perflab::engines::integration
