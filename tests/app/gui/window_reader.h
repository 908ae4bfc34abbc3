// The window's side of the store torture test: its store service and run session, used as a user would (the
// History page refreshed, runs renamed, deleted and marked as baseline, the Endurance, Compare and Flame
// pages read, the newest live run followed on the dashboard), and what they saw.
#pragma once

#include "app/gui/run_session.h"
#include "app/gui/store_service.h"

#include <QString>

#include <cstdint>
#include <deque>
#include <initializer_list>
#include <map>
#include <random>
#include <set>
#include <vector>

namespace perflab::test {

class WindowReader {
public:
    WindowReader(const std::filesystem::path& store, std::uint32_t seed);

    // Asks for the run history unless the last request is still unanswered.
    void refreshHistory();
    // One thing a user does with a run of the last history: rename, mark, delete, or open it on a page; and
    // follows the newest live run when the session follows none.
    void act();
    bool isIdle() const;

    // For each run listed: how long after its start (ms) the history that first listed it arrived, and the
    // latest request after its start whose history still missed it (negative: none). A reader that went blind
    // misses runs in every history asked for after they started.
    const std::map<std::int64_t, std::int64_t>& listedAfterMs() const noexcept { return m_listedAfterMs; }
    const std::map<std::int64_t, std::int64_t>& missedAfterMs() const noexcept { return m_missedAfterMs; }
    // Seconds the dashboard received of each run the session followed to its end, by start.
    const std::map<std::int64_t, std::vector<std::int64_t>>& followedToEnd() const noexcept {
        return m_followedToEnd;
    }
    // Every error the window would have shown that a user could not have expected.
    const std::vector<QString>& unexpectedErrors() const noexcept { return m_unexpected; }
    // What was done: history reads, renames, baseline marks, deletes, page reads.
    const std::map<QString, int>& counts() const noexcept { return m_counts; }

private:
    void connectService();
    void connectSession();
    void record(const QString& source, const QString& message, std::initializer_list<const char*> expected);
    void readPage(const RunInfo& run);
    void askedForHistory();
    void historyAnswered(const std::vector<RunHistoryEntry>* runs);

    StoreService m_service;
    RunSession m_session{m_service};
    std::mt19937 m_random;
    std::vector<RunHistoryEntry> m_history;
    std::deque<std::int64_t> m_historyAskedMs; // history reads and changes not answered yet, in order
    std::int64_t m_lastAnsweredAskMs = 0;      // when the last history answered was asked for
    std::map<std::int64_t, std::int64_t> m_listedAfterMs;
    std::map<std::int64_t, std::int64_t> m_missedAfterMs;
    std::map<std::int64_t, std::vector<std::int64_t>> m_dashboardRows;
    std::map<std::int64_t, std::vector<std::int64_t>> m_followedToEnd;
    std::vector<QString> m_unexpected;
    std::map<QString, int> m_counts;
};

} // namespace perflab::test
