// The SLO badges strip: one badge per limit of the run's scenario (whole run and windows), green while it
// holds, red from its first breach on with the run time of the breach, the threshold and value as tooltip.
#pragma once

#include "model/metrics/interval.h"
#include "model/results/slo.h"
#include "model/store/run_store.h"

#include <QString>
#include <QWidget>

#include <cstdint>
#include <optional>
#include <vector>

class QLabel;
class QHBoxLayout;

namespace perflab {

// Breaches are the run's own verdicts (its SloMonitor's "slo-breach" events while it runs, its summary at the
// end): per-second rows carry no histograms, so a window's p95 cannot be judged again here. The rows give the
// values shown beside the thresholds.
class SloBadgeStrip : public QWidget {
    Q_OBJECT
public:
    struct Badge {
        SloResult slo; // name, threshold, window; pass and breachedAtS as known so far
        std::optional<std::int64_t> breachedAtMs;
        QString breach;                // the run's description of the breach
        std::optional<double> latest;  // the last second's figure
        std::optional<double> verdict; // the finished run's value (its worst window's, for windows)
        QLabel* label = nullptr;
    };

    explicit SloBadgeStrip(QWidget* parent = nullptr);

    // One badge per limit of `spec`, all passing; run time counts from runStartMs.
    void setSlos(const SloSpec& spec, std::int64_t runStartMs);
    // No badges, and `reason` in their place (e.g. a scenario that cannot be read).
    void showUnavailable(const QString& reason);
    void clear();
    // "slo-breach" events turn their badge red at the event's time; other events are ignored.
    void addEvents(const std::vector<RunEvent>& events);
    // The finished run's verdicts (Summary::slos): whole-run limits are judged only at the end (endMs).
    void showVerdicts(const std::vector<SloResult>& verdicts, std::int64_t endMs);
    // Why a run had no evidence for a verdict (Summary::verdictReason), whatever its badges say; failed: the
    // run ended so (a stopped run keeps its own status).
    void showNoEvidence(const QString& reason, bool failed);
    // The figures of the run's latest second, shown in the tooltips.
    void showLatest(const IntervalRow& row);

    const std::vector<Badge>& badges() const noexcept { return m_badges; }
    QString text(std::size_t index) const;

private:
    void breach(Badge& badge, std::int64_t atMs, const QString& description);
    void refresh(Badge& badge);

    std::vector<Badge> m_badges;
    std::int64_t m_runStartMs = 0;
    QHBoxLayout* m_layout = nullptr;
    QLabel* m_caption = nullptr;
    QLabel* m_noEvidence = nullptr; // after the badges: why the run failed when no SLO did
};

// "04:12" (minutes:seconds) from a run's start, "1:04:12" past an hour.
QString formatRunTime(std::int64_t elapsedMs);

} // namespace perflab
