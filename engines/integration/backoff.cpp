// Equal jitter keeps half of the exponential wait (the upstream gets its breather) and spreads the rest.
#include "engines/integration/backoff.h"

#include <algorithm>

namespace perflab::engines::integration {

std::chrono::microseconds backoffDelay(const BackoffPolicy& policy, unsigned retry, std::mt19937_64& rng) {
    const auto doublings = std::min(retry, 30u); // beyond this the cap applies anyway; no overflow
    const std::int64_t ceiling = std::min(policy.cap.count(), policy.base.count() << doublings);
    std::uniform_int_distribution<std::int64_t> spread(ceiling / 2, ceiling);
    return std::chrono::microseconds(spread(rng));
}

} // namespace perflab::engines::integration
