// A run's status as the store keeps it and the summary reports it; written by name
// (model/format/enum_names.h).
#pragma once

#include "model/format/enum_names.h"

namespace perflab {

enum class RunStatus {
    Running,
    Passed,
    Failed,
    Stopped,     // ended early, gracefully, by request (Stop, a first signal); SLOs judged over what ran
    Aborted,     // ended at once: by request (Abort, a second signal), or by an SLO breach (abort_on_breach)
    Interrupted, // its process died; the next start of a store marks it, and --resume takes it up again
};

template <> struct EnumNames<RunStatus> {
    static constexpr std::string_view what = "run status";
    static constexpr std::string_view names[] = {"running", "passed",  "failed",
                                                 "stopped", "aborted", "interrupted"};
};

} // namespace perflab
