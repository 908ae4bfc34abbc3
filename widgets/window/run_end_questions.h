// The questions the window asks before Stop or Abort ends a run that has gone on for a while, and when it
// closes while a run goes: what will happen, in a person's words.
#pragma once

#include "model/store/run_store.h"

#include <QString>

#include <optional>

class QMessageBox;
class QWidget;

namespace perflab {

// Stop or Abort of a run started longer ago than this asks first; a shorter run ends at once.
inline constexpr Millis kAskBeforeEndingAfter = std::chrono::minutes(2);

enum class RunEnding { Stop, Abort };

inline bool needsEndConfirmation(Millis elapsed) {
    return elapsed > kAskBeforeEndingAfter;
}

// What the Stop or Abort button does, as its tool tip says.
QString endToolTip(RunEnding ending);

// Asks before ending `run`, started `elapsed` ago: the accept button ends it, the default keeps it going.
// Window-modal and deleted when closed.
QMessageBox* makeEndConfirmation(RunEnding ending, const RunInfo& run, Millis elapsed, QWidget* parent);

// Closing the window while `run` goes (none: started, not registered yet): the run goes on in its own
// process, and reopening Perflab on `storePath` follows it again. The accept button closes the window, the
// default keeps it open. Window-modal and deleted when closed.
QMessageBox* makeCloseDuringRunNotice(const std::optional<RunInfo>& run, const QString& storePath,
                                      QWidget* parent);

} // namespace perflab
