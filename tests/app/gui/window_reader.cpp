// WindowReader: everything goes through StoreService and RunSession, the window's own code; answers arrive on
// the test's thread while it waits in the event loop.
#include "tests/app/gui/window_reader.h"

#include <chrono>

namespace perflab::test {

namespace {

std::int64_t nowMs() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

} // namespace

WindowReader::WindowReader(const std::filesystem::path& store, std::uint32_t seed)
    : m_service(store)
    , m_random(seed) {
    connectService();
    connectSession();
}

void WindowReader::connectService() {
    QObject::connect(&m_service, &StoreRequests::historyRead, &m_service,
                     [this](const std::vector<RunHistoryEntry>& runs) { historyAnswered(&runs); });
    QObject::connect(&m_service, &StoreRequests::historyFailed, &m_service, [this](const QString& message) {
        historyAnswered(nullptr);
        record(QStringLiteral("history"), message, {});
    });
    // A run deleted meanwhile, or one still running when asked to delete it, is refused as a user would
    // expect.
    QObject::connect(&m_service, &StoreRequests::changeRefused, &m_service, [this](const QString& message) {
        record(QStringLiteral("change"), message, {"no run", "running"});
    });
    for (auto failed :
         {&StoreRequests::comparisonFailed, &StoreRequests::enduranceFailed, &StoreRequests::profileFailed})
        QObject::connect(&m_service, failed, &m_service, [this](const QString& message) {
            record(QStringLiteral("page"), message, {"no run"});
        });
}

void WindowReader::connectSession() {
    QObject::connect(&m_session, &RunSession::runOpened, &m_session,
                     [this](const RunInfo& run, const std::vector<IntervalRow>& rows) {
                         std::vector<std::int64_t>& seen = m_dashboardRows[run.id];
                         seen.clear();
                         for (const IntervalRow& row : rows)
                             seen.push_back(row.startMs);
                     });
    QObject::connect(&m_session, &RunSession::intervalsArrived, &m_session,
                     [this](const std::vector<IntervalRow>& rows) {
                         for (const IntervalRow& row : rows)
                             m_dashboardRows[m_session.runId()].push_back(row.startMs);
                     });
    QObject::connect(&m_session, &RunSession::runFinished, &m_session,
                     [this](const RunInfo& run) { m_followedToEnd[run.id] = m_dashboardRows[run.id]; });
    // The test kills runs: the session says so of the one it follows.
    QObject::connect(&m_session, &RunSession::failed, &m_session, [this](const QString& message) {
        record(QStringLiteral("session"), message, {"ended without finishing"});
    });
}

void WindowReader::record(const QString& source, const QString& message,
                          std::initializer_list<const char*> expected) {
    for (const char* words : expected)
        if (message.contains(QLatin1String(words)))
            return;
    m_unexpected.push_back(source + QStringLiteral(": ") + message);
}

void WindowReader::askedForHistory() {
    m_historyAskedMs.push_back(nowMs());
}

// Histories answer in the order asked for, each the store as it was when its job ran, after it was asked for.
void WindowReader::historyAnswered(const std::vector<RunHistoryEntry>* runs) {
    const std::int64_t askedMs = m_historyAskedMs.front();
    m_historyAskedMs.pop_front();
    if (runs) {
        ++m_counts[QStringLiteral("history reads")];
        m_history = *runs;
        for (const RunHistoryEntry& entry : *runs)
            if (m_listedAfterMs.try_emplace(entry.run.id, nowMs() - entry.run.startedMs).second)
                m_missedAfterMs[entry.run.id] = m_lastAnsweredAskMs - entry.run.startedMs;
    }
    m_lastAnsweredAskMs = askedMs;
}

void WindowReader::refreshHistory() {
    if (!m_historyAskedMs.empty())
        return;
    askedForHistory();
    m_service.readHistory();
}

void WindowReader::act() {
    if (!m_session.isActive())
        m_session.reattach();
    if (m_history.empty())
        return;
    const RunInfo run = m_history[m_random() % m_history.size()].run;
    switch (m_random() % 8) {
    case 0:
        ++m_counts[QStringLiteral("renames")];
        askedForHistory(); // a change is answered by the history after it
        m_service.renameRun(run.id, "renamed " + std::to_string(m_random() % 1000));
        break;
    case 1:
        ++m_counts[QStringLiteral("baseline marks")];
        askedForHistory();
        m_service.markBaseline(run.id);
        break;
    case 2: // a few: the runs left are the ones whose seconds are checked
        if (run.status != RunStatus::Running && run.id != m_session.runId() && m_history.size() > 8) {
            ++m_counts[QStringLiteral("deletes")];
            askedForHistory();
            m_service.deleteRun(run.id);
        }
        break;
    default:
        readPage(run);
    }
}

void WindowReader::readPage(const RunInfo& run) {
    ++m_counts[QStringLiteral("page reads")];
    switch (m_random() % 3) {
    case 0:
        m_service.readEndurance(
            {.runId = run.id, .window = std::nullopt, .columns = 800, .withRunDetails = true});
        break;
    case 1:
        m_service.readComparison(m_history.front().run.id, run.id);
        break;
    default:
        m_service.readProfile({.runId = run.id, .range = std::nullopt, .held = nullptr});
    }
}

bool WindowReader::isIdle() const {
    return m_historyAskedMs.empty() && !m_session.isActive();
}

} // namespace perflab::test
