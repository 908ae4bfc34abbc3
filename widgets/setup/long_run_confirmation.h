// Before a soak or any run longer than an hour: whether to ask, and what to say (its length and end time).
#pragma once

#include "model/scenario/scenario.h"

#include <QDateTime>
#include <QString>

namespace perflab {

inline constexpr Millis kLongRun = std::chrono::hours(1);

bool needsLongRunConfirmation(const Scenario& scenario);
// E.g. "This soak test runs for 72 h and ends on Wednesday 2 December 2026 at 09:35 (local time)."
QString longRunConfirmationText(const Scenario& scenario, const QDateTime& start);
// Hours, minutes and seconds as a person says them: "72 h", "1 h 30 min", "45 s".
QString durationText(Millis duration);

} // namespace perflab
