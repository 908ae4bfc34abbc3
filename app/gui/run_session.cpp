// RunSession: every read of the store (a run's full history, each poll's new rows) is a job of the store
// service on the session's tracker; its answer comes back to the GUI thread.
#include "app/gui/run_session.h"

#include "app/gui/store_service.h"

#include <QFile>
#include <QProcess>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <utility>

namespace perflab {

struct RunSession::History {
    std::optional<RunInfo> run;
    std::vector<IntervalRow> rows;
    std::vector<RunEvent> events;
};

struct RunSession::Update {
    bool alive = false;          // the run process, sampled before the read
    std::int64_t registered = 0; // the run the started process registered, found by this read
    std::optional<RunInfo> run;  // none: not registered yet, or gone from the store
    std::vector<IntervalRow> rows;
    std::vector<RunEvent> events; // all of the run's
};

namespace {

// A detached run is reaped by init, which may take a while (or never, in some containers): a zombie counts as
// ended.
bool processAlive(std::int64_t pid) {
    if (pid <= 0 || (::kill(static_cast<pid_t>(pid), 0) != 0 && errno != EPERM))
        return false;
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return true; // no /proc: kill() above is all we can know
    const QByteArray text = stat.readAll();
    const qsizetype afterName = text.lastIndexOf(')'); // the name may itself hold spaces and parentheses
    return afterName < 0 || text.mid(afterName + 2, 1) != "Z";
}

} // namespace

RunSession::RunSession(StoreService& store, QObject* parent)
    : QObject(parent)
    , m_store(store)
    , m_path(store.path()) {
    m_poll.setInterval(400);
    connect(&m_poll, &QTimer::timeout, this, &RunSession::poll);
}

RunSession::~RunSession() = default;

RunSession::History RunSession::readHistory(const RunStore& store, std::int64_t runId) {
    History h;
    h.run = store.run(runId);
    if (!h.run)
        return h;
    h.rows = store.intervals(runId);
    h.events = store.events(runId);
    return h;
}

void RunSession::open(std::int64_t runId) {
    m_poll.stop();
    m_pid = 0;
    m_runId = 0;
    m_run.reset();
    m_stopSent = false;
    m_readFailing = false;
    m_stderrFile.clear();
    m_store.read(
        m_reads, [runId](const RunStore& store) { return readHistory(store, runId); },
        [this, runId](const History& h) {
            if (!h.run) {
                emit failed(tr("The store %1 has no run %2.")
                                .arg(QString::fromStdString(m_path.string()))
                                .arg(runId));
                return;
            }
            show(h);
        },
        [this, runId](const QString& message) {
            emit failed(tr("Could not read run %1 from %2: %3")
                            .arg(runId)
                            .arg(QString::fromStdString(m_path.string()), message));
        });
}

void RunSession::show(const History& h) {
    m_runId = h.run->id;
    m_run = h.run;
    m_lastStartMs = h.rows.empty() ? INT64_MIN : h.rows.back().startMs;
    m_eventsSeen = h.events.size();
    emit runOpened(*h.run, h.rows);
    if (!h.events.empty())
        emit eventsArrived(h.events);
    if (h.run->status == RunStatus::Running) {
        m_pid = h.run->pid;
        m_poll.start();
    }
}

std::optional<RunInfo> RunSession::newestLiveRun(const RunStore& store) {
    std::optional<RunInfo> newest;
    for (const RunInfo& run : store.runs())
        if (run.status == RunStatus::Running && processAlive(run.pid) &&
            (!newest || run.startedMs > newest->startedMs))
            newest = run;
    return newest;
}

void RunSession::reattach() {
    if (!std::filesystem::exists(m_path))
        return;
    m_store.read(
        m_reads, [](const RunStore& store) { return newestLiveRun(store); },
        [this](const std::optional<RunInfo>& run) {
            if (!run)
                return;
            emit reattached(run->id);
            open(run->id);
        },
        [this](const QString& message) {
            emit failed(tr("Could not look for running tests in %1: %2")
                            .arg(QString::fromStdString(m_path.string()), message));
        });
}

void RunSession::start(const QString& perflabExecutable, const Scenario& scenario) {
    if (isActive()) {
        emit failed(tr("A run is already going: stop it before starting another."));
        return;
    }
    m_reads.cancel();
    m_runId = 0;
    m_run.reset();
    m_stopSent = false;
    m_pid = 0;
    m_lastStartMs = INT64_MIN;
    m_eventsSeen = 0;
    m_lastStoreError.clear();
    m_readFailing = false;
    if (!m_scratch.isValid()) {
        emit failed(
            tr("Could not create a temporary folder for the scenario: %1").arg(m_scratch.errorString()));
        return;
    }
    ++m_starts;
    const QString scenarioFile = m_scratch.filePath(QStringLiteral("scenario-%1.json").arg(m_starts));
    QFile file(scenarioFile);
    if (!file.open(QIODevice::WriteOnly) || file.write(QByteArray::fromStdString(toJson(scenario))) < 0) {
        emit failed(tr("Could not write %1: %2").arg(scenarioFile, file.errorString()));
        return;
    }
    file.close();
    m_stderrFile = m_scratch.filePath(QStringLiteral("run-%1.stderr").arg(m_starts));

    QProcess process;
    process.setProgram(perflabExecutable);
    process.setArguments({QStringLiteral("run"), scenarioFile, QStringLiteral("--db"),
                          QString::fromStdString(m_path.string()), QStringLiteral("--quiet")});
    process.setStandardOutputFile(QProcess::nullDevice());
    process.setStandardErrorFile(m_stderrFile);
    qint64 pid = 0;
    if (!process.startDetached(&pid)) {
        emit failed(tr("Could not start %1: %2").arg(perflabExecutable, process.errorString()));
        return;
    }
    m_pid = pid;
    m_poll.start();
}

bool RunSession::signalRun(int signal, const char* what) {
    if (!isActive() || m_pid <= 0)
        return false;
    if (::kill(static_cast<pid_t>(m_pid), signal) == 0)
        return true;
    emit failed(tr("Could not %1 the run (process %2): %3")
                    .arg(QString::fromLatin1(what))
                    .arg(m_pid)
                    .arg(QString::fromLocal8Bit(std::strerror(errno))));
    return false;
}

void RunSession::stop() {
    if (!m_stopSent)
        m_stopSent = signalRun(SIGINT, "stop");
}

// The run process takes a signal other than its first as an abort, however soon it follows (docs/cli.md).
void RunSession::abort() {
    if (!m_stopSent)
        m_stopSent = signalRun(SIGINT, "abort");
    if (m_stopSent)
        signalRun(SIGTERM, "abort");
}

// One read at a time: a tick while the last read is under way waits for the next.
void RunSession::poll() {
    if (m_reads.isBusy())
        return;
    // The run process registers its run with its own pid; until then (or until it dies) keep looking.
    if (m_runId == 0) {
        const bool alive = processAlive(m_pid); // sampled first: the file may show up meanwhile
        if (!std::filesystem::exists(m_path)) {
            if (!alive)
                finishUnregistered();
            return;
        }
    }
    m_store.read(
        m_reads,
        [pid = m_pid, runId = m_runId, afterStartMs = m_lastStartMs](const RunStore& store) {
            return readUpdate(store, pid, runId, afterStartMs);
        },
        [this](const Update& update) { follow(update); },
        [this](const QString& message) { pollFailed(message); });
}

RunSession::Update RunSession::readUpdate(const RunStore& store, std::int64_t pid, std::int64_t runId,
                                          std::int64_t afterStartMs) {
    Update update;
    update.alive = processAlive(pid); // sampled before reading, so a run registered just before exit is seen
    if (runId == 0) {
        for (const RunInfo& run : store.runs())
            if (run.pid == pid && run.id > runId)
                runId = run.id;
        if (runId == 0)
            return update;
        update.registered = runId;
    }
    // The status first: each read is a snapshot of its own, and a run read as finished has committed all its
    // seconds and events before, so the reads after it hold them all.
    update.run = store.run(runId);
    update.rows = store.intervals(runId, afterStartMs);
    if (update.run)
        update.events = store.events(runId);
    return update;
}

void RunSession::follow(const Update& update) {
    m_readFailing = false;
    if (update.registered != 0) {
        m_runId = update.registered;
        if (update.run)
            emit runOpened(*update.run, {});
    }
    if (update.run)
        m_run = update.run;
    if (m_runId == 0) {
        if (!update.alive)
            finishUnregistered();
        return;
    }
    if (!update.rows.empty()) {
        m_lastStartMs = update.rows.back().startMs;
        emit intervalsArrived(update.rows);
    }
    const std::optional<RunInfo>& run = update.run;
    if (!run) {
        finish(tr("Run %1 disappeared from the store.").arg(m_runId));
        return;
    }
    deliverNewEvents(update.events);
    if (run->status != RunStatus::Running) {
        m_poll.stop();
        emit runFinished(*run);
    } else if (!update.alive) {
        finish(tr("The run process %1 ended without finishing run %2.").arg(m_pid).arg(m_runId));
        emit runFinished(*run);
    }
}

// While the run is not registered, the process may be creating the file's schema right now: retry, and report
// it if the run never shows. Once it is, a failed read is retried at the next tick as well, so the window
// never stops following a run over one read; the first failure of a streak is reported, not each tick's.
void RunSession::pollFailed(const QString& message) {
    m_lastStoreError = message;
    if (m_runId == 0) {
        if (!processAlive(m_pid))
            finishUnregistered();
        return;
    }
    if (std::exchange(m_readFailing, true))
        return;
    emit failed(tr("Reading the store %1 failed; the window keeps trying: %2")
                    .arg(QString::fromStdString(m_path.string()), message));
}

void RunSession::finishUnregistered() {
    QString problem = tr("The run process ended before it registered a run in %1.")
                          .arg(QString::fromStdString(m_path.string()));
    if (!m_lastStoreError.isEmpty())
        problem += tr("\nLast store error: %1").arg(m_lastStoreError);
    finish(problem);
}

// Events carry the run's clock and are few (stages, faults, breaches), so re-reading them is cheap; a run
// stamps them in order, so the ones past the count seen are the new ones.
void RunSession::deliverNewEvents(const std::vector<RunEvent>& events) {
    if (events.size() <= m_eventsSeen)
        return;
    std::vector<RunEvent> fresh(events.begin() + static_cast<std::ptrdiff_t>(m_eventsSeen), events.end());
    m_eventsSeen = events.size();
    emit eventsArrived(fresh);
}

void RunSession::finish(const QString& problem) {
    m_poll.stop();
    const QString errors = processErrors();
    emit failed(errors.isEmpty() ? problem : problem + tr("\nIts error output:\n%1").arg(errors));
}

QString RunSession::processErrors() const {
    if (m_stderrFile.isEmpty())
        return {};
    QFile file(m_stderrFile);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    constexpr qint64 kTail = 4000; // the end holds the reason; a summary table can precede it
    file.seek(std::max<qint64>(0, file.size() - kTail));
    return QString::fromUtf8(file.readAll()).trimmed();
}

} // namespace perflab
