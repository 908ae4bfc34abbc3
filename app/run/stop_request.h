// What the person running a test asked of it: nothing yet, Stop (end gracefully, judge what ran) or Abort
// (end now). The CLI's signal handlers set it, so it lives in a lock-free atomic.
#pragma once

namespace perflab {

enum class StopRequest {
    None,
    Stop,  // no new requests; in-flight ones finish within the drain; status stopped
    Abort, // in-flight requests dropped at once, also during a stop's drain; status aborted
};

} // namespace perflab
