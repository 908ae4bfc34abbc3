// The Flame page of the main window: the flame graph of the run shown (the whole run, or a time range picked
// on the dashboard), read by the store service and refreshed while the run is going.
#pragma once

#include "model/profile/profile.h"
#include "model/store/run_profile.h"

#include <QLabel>
#include <QTimer>
#include <QWidget>

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <utility>

namespace perflab {

class FlameView;
class StoreRequests;

class FlamePage : public QWidget {
    Q_OBJECT
public:
    explicit FlamePage(StoreRequests& store, QWidget* parent = nullptr);
    ~FlamePage() override;

    FlameView* view() const { return m_view; }
    // What is shown: the run, the mechanism that sampled it, the range and the sample count (or why nothing).
    QString caption() const { return m_caption->text(); }
    void setRefreshInterval(std::chrono::milliseconds interval) { m_refresh.setInterval(interval); }

public slots:
    // The whole profile of run `runId`, read again every refresh interval while `running`.
    void showRun(qint64 runId, bool running);
    // Only the profile slices of the run shown that overlap [fromMs, toMs) (store time, as
    // IntervalRow::startMs).
    void showRange(qint64 fromMs, qint64 toMs);
    // The run shown has ended: one last read, then no more refreshes.
    void runEnded();

signals:
    // A read landed and the caption and view show it.
    void profileShown();

private:
    void load();
    void present(const RunProfile& loaded);
    void showFailure(const QString& message);

    StoreRequests& m_store;
    QLabel* m_caption;
    FlameView* m_view;
    QTimer m_refresh;
    qint64 m_runId = 0;
    std::optional<std::pair<qint64, qint64>> m_range;
    std::shared_ptr<const Profile> m_profile; // what the view shows
    std::int64_t m_profileEndMs = INT64_MIN;  // the end of the last slice in m_profile (whole-run mode)
    bool m_loading = false;                   // a read is under way; a newer one supersedes it
};

} // namespace perflab
