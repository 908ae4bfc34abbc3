// RunSession: small reads (new rows) on the GUI thread each poll; a run's full history on a worker.
#include "app/gui/run_session.h"

#include <QFile>
#include <QProcess>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstring>

namespace perflab {
namespace {

struct History {
    std::optional<RunInfo> run;
    std::vector<IntervalRow> rows;
    std::vector<RunEvent> events;
    QString error;
};

History loadHistory(const std::filesystem::path& path, std::int64_t runId) {
    History h;
    try {
        RunStore store(path, RunStore::Mode::ReadOnly);
        h.run = store.run(runId);
        if (!h.run) {
            h.error = QObject::tr("The store %1 has no run %2.")
                          .arg(QString::fromStdString(path.string()))
                          .arg(runId);
            return h;
        }
        h.rows = store.intervals(runId);
        h.events = store.events(runId);
    } catch (const std::exception& e) {
        h.error = QObject::tr("Could not read run %1 from %2: %3")
                      .arg(runId)
                      .arg(QString::fromStdString(path.string()), QString::fromUtf8(e.what()));
    }
    return h;
}

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

RunSession::RunSession(std::filesystem::path store, QObject* parent)
    : QObject(parent)
    , m_path(std::move(store)) {
    m_poll.setInterval(400);
    connect(&m_poll, &QTimer::timeout, this, &RunSession::poll);
}

RunSession::~RunSession() = default;

RunStore& RunSession::store() {
    if (!m_store)
        m_store = std::make_unique<RunStore>(m_path, RunStore::Mode::ReadOnly);
    return *m_store;
}

void RunSession::open(std::int64_t runId) {
    const std::uint64_t generation = ++m_generation;
    m_poll.stop();
    m_pid = 0;
    m_runId = 0;
    m_stderrFile.clear();
    // A continuation attached to a load that has already finished runs at once, inside this call: posting
    // the result keeps open() from ever emitting before it returns.
    QtConcurrent::run(loadHistory, m_path, runId).then(this, [this, generation](History loaded) {
        QMetaObject::invokeMethod(
            this,
            [this, generation, h = std::move(loaded)] {
                if (generation != m_generation)
                    return;
                if (!h.error.isEmpty()) {
                    emit failed(h.error);
                    return;
                }
                m_runId = h.run->id;
                m_lastStartMs = h.rows.empty() ? INT64_MIN : h.rows.back().startMs;
                m_eventsSeen = h.events.size();
                emit runOpened(*h.run, h.rows);
                if (!h.events.empty())
                    emit eventsArrived(h.events);
                if (h.run->status == RunStatus::Running) {
                    m_pid = h.run->pid;
                    m_poll.start();
                }
            },
            Qt::QueuedConnection);
    });
}

std::optional<RunInfo> RunSession::newestLiveRun(const std::filesystem::path& store) {
    if (!std::filesystem::exists(store))
        return std::nullopt;
    std::optional<RunInfo> newest;
    for (const RunInfo& run : RunStore(store, RunStore::Mode::ReadOnly).runs())
        if (run.status == RunStatus::Running && processAlive(run.pid) &&
            (!newest || run.startedMs > newest->startedMs))
            newest = run;
    return newest;
}

std::int64_t RunSession::reattach() {
    try {
        if (const std::optional<RunInfo> run = newestLiveRun(m_path)) {
            open(run->id);
            return run->id;
        }
    } catch (const StoreError& e) {
        emit failed(tr("Could not look for running tests in %1: %2")
                        .arg(QString::fromStdString(m_path.string()), QString::fromUtf8(e.what())));
    }
    return 0;
}

void RunSession::start(const QString& perflabExecutable, const Scenario& scenario) {
    if (isActive()) {
        emit failed(tr("A run is already going: stop it before starting another."));
        return;
    }
    ++m_generation;
    m_runId = 0;
    m_pid = 0;
    m_lastStartMs = INT64_MIN;
    m_eventsSeen = 0;
    m_lastStoreError.clear();
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

void RunSession::signalRun(int signal, const char* what) {
    if (!isActive() || m_pid <= 0)
        return;
    if (::kill(static_cast<pid_t>(m_pid), signal) != 0)
        emit failed(tr("Could not %1 the run (process %2): %3")
                        .arg(QString::fromLatin1(what))
                        .arg(m_pid)
                        .arg(QString::fromLocal8Bit(std::strerror(errno))));
}

void RunSession::stop() {
    signalRun(SIGINT, "stop");
}

void RunSession::abort() {
    signalRun(SIGTERM, "abort");
}

void RunSession::poll() {
    try {
        if (m_runId == 0)
            discoverStartedRun();
        if (m_runId != 0)
            readNewRows();
    } catch (const StoreError& e) {
        finish(tr("Reading the store %1 failed: %2")
                   .arg(QString::fromStdString(m_path.string()), QString::fromUtf8(e.what())));
    }
}

// The run process registers its run with its own pid; until then (or until it dies) keep looking.
void RunSession::discoverStartedRun() {
    const bool alive =
        processAlive(m_pid); // sampled before reading, so a run registered just before exit is seen
    if (std::filesystem::exists(m_path)) {
        try {
            for (const RunInfo& run : store().runs()) {
                if (run.pid == m_pid && run.id > m_runId)
                    m_runId = run.id;
            }
        } catch (const StoreError& e) {
            // The process may be creating the file's schema right now: retry, and report it if the run never
            // shows.
            m_lastStoreError = QString::fromUtf8(e.what());
            m_store.reset();
        }
    }
    if (m_runId != 0) {
        if (auto run = store().run(m_runId))
            emit runOpened(*run, {});
        return;
    }
    if (!alive) {
        QString problem = tr("The run process ended before it registered a run in %1.")
                              .arg(QString::fromStdString(m_path.string()));
        if (!m_lastStoreError.isEmpty())
            problem += tr("\nLast store error: %1").arg(m_lastStoreError);
        finish(problem);
    }
}

void RunSession::readNewRows() {
    const bool alive = processAlive(m_pid);
    std::vector<IntervalRow> rows = store().intervals(m_runId, m_lastStartMs);
    if (!rows.empty()) {
        m_lastStartMs = rows.back().startMs;
        emit intervalsArrived(rows);
    }
    const std::optional<RunInfo> run = store().run(m_runId);
    if (!run) {
        finish(tr("Run %1 disappeared from the store.").arg(m_runId));
        return;
    }
    readNewEvents(); // after the status: a finished run's last events are all in by then
    if (run->status != RunStatus::Running) {
        m_poll.stop();
        emit runFinished(*run);
    } else if (!alive) {
        finish(tr("The run process %1 ended without finishing run %2.").arg(m_pid).arg(m_runId));
        emit runFinished(*run);
    }
}

// Events carry the run's clock and are few (stages, faults, breaches), so re-reading them is cheap; a run
// stamps them in order, so the ones past the count seen are the new ones.
void RunSession::readNewEvents() {
    std::vector<RunEvent> events = store().events(m_runId);
    if (events.size() <= m_eventsSeen)
        return;
    std::vector<RunEvent> fresh(
        std::make_move_iterator(events.begin() + static_cast<std::ptrdiff_t>(m_eventsSeen)),
        std::make_move_iterator(events.end()));
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
