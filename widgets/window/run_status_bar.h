// The window's status bar: run name, kind, status, elapsed / remaining time, ETA, progress and store path.
#pragma once

#include "model/store/run_store.h"

#include <QStatusBar>
#include <QTimer>

#include <chrono>
#include <optional>

class QLabel;
class QProgressBar;

namespace perflab {

class RunStatusBar : public QStatusBar {
    Q_OBJECT
public:
    explicit RunStatusBar(QWidget* parent = nullptr);

    void setStorePath(const QString& path);
    // Shows the run; while it is running the times tick once a second.
    void showRun(const RunInfo& run);
    void clearRun();
    // Elapsed, remaining and ETA (the planned end's clock time) at nowMs (unix epoch ms); a finished run
    // shows its final duration.
    void showTimeAt(std::int64_t nowMs);

    QString timeText() const;
    int progressPercent() const;

private:
    std::optional<RunInfo> m_run;
    std::optional<std::chrono::milliseconds> m_planned; // the scenario's total duration, when readable
    QLabel* m_name = nullptr;
    QLabel* m_kind = nullptr;
    QLabel* m_status = nullptr;
    QLabel* m_time = nullptr;
    QProgressBar* m_progress = nullptr;
    QLabel* m_store = nullptr;
    QTimer m_tick;
};

} // namespace perflab
