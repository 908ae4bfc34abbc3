// Follows one run in the SQLite store for the window: opens a stored run, or starts `perflab run` and
// tails its rows; Stop and Abort signal the run process.
#pragma once

#include "model/scenario/scenario.h"
#include "model/store/run_store.h"
#include "widgets/jobs/job_tracker.h"

#include <QObject>
#include <QString>
#include <QTemporaryDir>
#include <QTimer>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <vector>

namespace perflab {

class StoreService;

// The run process owns the run (docs/architecture.md "A run is a process"): it is started detached so a
// soak outlives the window, and the session only reads the store (through the store service, off the UI
// thread) and sends signals.
class RunSession : public QObject {
    Q_OBJECT
public:
    explicit RunSession(StoreService& store, QObject* parent = nullptr);
    ~RunSession() override;

    const std::filesystem::path& storePath() const noexcept { return m_path; }
    std::int64_t runId() const noexcept { return m_runId; }
    // True from start() or opening a running run until its end is seen.
    bool isActive() const noexcept { return m_poll.isActive(); }
    // The run shown, as last read (none: nothing opened, or a started run not registered yet).
    const std::optional<RunInfo>& run() const noexcept { return m_run; }
    void setPollInterval(std::chrono::milliseconds interval) { m_poll.setInterval(interval); }

    // Loads the run's whole history off the UI thread, then follows it if it is still running.
    void open(std::int64_t runId);
    // The newest run in the store still going in a live process, if any: a run started before the window
    // last closed. Throws StoreError when the store cannot be read.
    static std::optional<RunInfo> newestLiveRun(const RunStore& store);
    // Looks for newestLiveRun() off the UI thread; when there is one, says so (reattached) and opens it.
    void reattach();
    // Writes the scenario to a temporary file and launches `<executable> run FILE --db STORE --quiet`.
    void start(const QString& perflabExecutable, const Scenario& scenario);
    // SIGINT: the run ends gracefully (in-flight requests finish, SLOs judged over what ran): status stopped.
    void stop();
    // A second stop signal after the first (SIGTERM after SIGINT): the run ends at once, status aborted.
    void abort();

signals:
    void runOpened(const perflab::RunInfo& run, const std::vector<perflab::IntervalRow>& history);
    void intervalsArrived(const std::vector<perflab::IntervalRow>& rows);
    // The run's events not delivered before (stage changes, faults, breaches...): all of a run when it is
    // opened, then each new one as the run records it.
    void eventsArrived(const std::vector<perflab::RunEvent>& events);
    void runFinished(const perflab::RunInfo& run);
    void failed(const QString& message);
    // reattach() found run `runId` still going; opening it follows.
    void reattached(std::int64_t runId);

private:
    struct History; // a run as open() reads it
    struct Update;  // what a poll read: the run started or followed, its new rows and its events
    static History readHistory(const RunStore& store, std::int64_t runId);
    static Update readUpdate(const RunStore& store, std::int64_t pid, std::int64_t runId,
                             std::int64_t afterStartMs);
    void show(const History& history);
    void poll();
    void follow(const Update& update);
    void pollFailed(const QString& message);
    void deliverNewEvents(const std::vector<RunEvent>& events);
    void finishUnregistered();
    void finish(const QString& problem);
    bool signalRun(int signal, const char* what); // false (and said) when it could not be sent
    QString processErrors() const;

    StoreService& m_store;
    std::filesystem::path m_path;
    QTemporaryDir m_scratch; // scenario files and the run processes' stderr
    QString m_stderrFile;
    QString m_lastStoreError;
    bool m_readFailing = false; // the last read of a registered run failed, and that was reported
    std::int64_t m_pid = 0;
    std::int64_t m_runId = 0;
    std::optional<RunInfo> m_run;
    bool m_stopSent = false; // to the run followed
    std::int64_t m_lastStartMs = INT64_MIN;
    std::size_t m_eventsSeen = 0; // of the run's events, which the store keeps in time order
    int m_starts = 0;
    QTimer m_poll;
    JobTracker m_reads{this}; // open, reattach and poll: a newer read drops an older one's answer
};

} // namespace perflab
