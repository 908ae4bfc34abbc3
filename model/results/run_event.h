// What a run records as it goes: the kinds of run events, written by name (model/format/enum_names.h), and
// the event the store keeps.
#pragma once

#include "model/format/enum_names.h"

#include <cstdint>
#include <string>
#include <string_view>

namespace perflab {

enum class EventKind {
    Stage,            // the run entered its next workload stage
    Fault,            // an injected fault started or ended
    SloBreach,        // an SLO's first breach (whole run or a window)
    Aborted,          // the run was ended at once (Abort, an SLO breach), and why
    Resumed,          // perflab run --resume took the run up again
    Profiler,         // samples the profile lacks, or a problem of the profiler
    StressStep,       // stress: a step judged
    BreakingPoint,    // stress: the first step that broke
    LastSustainable,  // stress: the last step that held
    Knee,             // stress: where latency starts to climb faster than the load
    Spike,            // spike: the load jumps
    Recovered,        // spike: latency and errors back to their earlier level, or not by the end
    Breaker,          // integration engine: its upstream circuit breaker changed state
    ScaleOut,         // orchestrator engine: a node was added
    CacheUnavailable, // knowledge engine: its Redis result cache failed
    CacheAvailable,   // knowledge engine: its Redis result cache is back
    Warning,          // the run's setup exposes something (a server bound beyond loopback)
    Stopped,          // the run was stopped gracefully by request
    EngineFigures,    // what the hosted engine reported of its own work at the end (a cache's hit rate)
};
template <> struct EnumNames<EventKind> {
    static constexpr std::string_view what = "event kind";
    static constexpr std::string_view names[] = {
        "stage",           "fault",       "slo-breach",     "aborted",          "resumed",
        "profiler",        "stress-step", "breaking-point", "last-sustainable", "knee",
        "spike",           "recovered",   "breaker",        "scale-out",        "cache-unavailable",
        "cache-available", "warning",     "stopped",        "engine-figures"};
};

struct RunEvent {
    std::int64_t tsMs = 0;
    EventKind kind = EventKind::Stage;
    std::string message;
};

} // namespace perflab
