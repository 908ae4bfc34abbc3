// Test fixture: a stored run judged as a run process judges it (SloMonitor's breach events, stage and fault
// events, the summary's verdicts), so views can show red badges and event markers.
#pragma once

#include "model/results/slo.h"
#include "model/results/summary.h"
#include "tests/widgets/stored_run.h"

namespace perflab::test {

// The synthetic run's scenario with limits it breaches: CPU above 70 % once the ramp is done, and errors
// above 0.01 % over 30 s; p95, rpm, the whole-run error rate and memory hold.
inline Scenario judgedScenario(int seconds) {
    Scenario s = syntheticScenario(seconds);
    s.slo.windows = {{.over = Millis(30'000), .limits = {.maxErrorRate = 0.0001}}};
    return s;
}

inline std::int64_t stampOf(int second) {
    return kRunStartMs + std::int64_t{second} * 1000;
}

// Writes `seconds` synthetic intervals with their events; a finished run also gets its summary.
inline std::int64_t writeJudgedRun(RunStore& store, int seconds, bool finished = true) {
    const Scenario scenario = judgedScenario(seconds);
    const std::int64_t id = store.beginRun(scenario.name, TestKind::Load, toJson(scenario), kRunStartMs);
    SloMonitor slos(scenario.slo);
    RunTotals totals;
    store.addEvent(id, {kRunStartMs, EventKind::Stage, "stage 1 of 2: ramping to 16 users"});
    for (int i = 0; i < seconds; ++i) {
        const Interval in = syntheticInterval(i, seconds);
        store.append(id, in);
        totals.add(in);
        for (const SloResult& breach : slos.add(in, Millis(std::int64_t{i + 1} * 1000)))
            store.addEvent(id, {stampOf(i + 1), EventKind::SloBreach, describeBreach(breach)});
        if (i == seconds / 5)
            store.addEvent(id, {stampOf(i), EventKind::Stage, "stage 2 of 2: holding 16 users"});
        if (i == seconds / 2)
            store.addEvent(id, {stampOf(i), EventKind::Fault, "upstream-outage started (for 15s)"});
        if (i == seconds / 2 + 15)
            store.addEvent(id, {stampOf(i), EventKind::Fault, "upstream-outage ended"});
    }
    if (!finished) {
        store.flush();
        return id;
    }
    const std::int64_t endMs = stampOf(seconds);
    for (const SloResult& breach : slos.finish())
        store.addEvent(id, {endMs, EventKind::SloBreach, describeBreach(breach)});
    const Summary summary = totals.summarize(id, scenario, false, slos.windowResults());
    store.finishRun(id, summary.status, toJson(summary), endMs);
    return id;
}

} // namespace perflab::test
