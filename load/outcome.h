// The result of one request as the executors record it: success, a degraded answer, or the kind of error it
// counts as.
#pragma once

#include "model/metrics/interval.h"

namespace perflab::load {

struct Outcome {
    bool ok = true;
    ErrorKind error = ErrorKind::Io; // meaningful only when !ok
    int status = 0;                  // HTTP or engine status; 0 when no response arrived
    std::uint32_t request = 0;       // which request of the target's mix (TargetPlan::requests())
    // >= 0 (when ok): answered from a fallback this many ms old, as an engine's Response::staleAgeMs or an
    // HTTP answer with `Warning: 110` and `Age` says; counted degraded, not successful.
    std::int64_t staleAgeMs = -1;

    bool isDegraded() const noexcept { return ok && staleAgeMs >= 0; }

    static Outcome failure(ErrorKind kind, int status = 0) noexcept { return {false, kind, status}; }

    // 2xx and 3xx succeed; 4xx and 5xx count under their own kinds; anything else breaks the protocol.
    static Outcome fromHttpStatus(int status) noexcept {
        if (status >= 200 && status < 400)
            return {true, ErrorKind::Io, status};
        if (status >= 400 && status < 500)
            return failure(ErrorKind::Status4xx, status);
        if (status >= 500 && status < 600)
            return failure(ErrorKind::Status5xx, status);
        return failure(ErrorKind::Protocol, status);
    }
};

} // namespace perflab::load
