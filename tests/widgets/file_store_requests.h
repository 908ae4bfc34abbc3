// Test double of the window's store service (app/gui/store_service.h) for widget tests: the pages' requests
// answered from a store file, with the same contract (reads off the UI thread, posted answers, a newer read
// of a kind dropping an older one's answer, history requests each answered in order) and plain connections:
// a read-only one per read, a read-write one for the changes.
#pragma once

#include "model/store/run_store.h"
#include "widgets/jobs/job_tracker.h"
#include "widgets/jobs/store_requests.h"

#include <QString>

#include <exception>
#include <filesystem>
#include <functional>
#include <memory>
#include <utility>
#include <vector>

namespace perflab::test {

class FileStoreRequests : public StoreRequests {
public:
    explicit FileStoreRequests(std::filesystem::path file)
        : m_file(std::move(file)) {}

    void readHistory() override {
        changeThenList([](RunStore&) {});
    }
    void renameRun(std::int64_t runId, const std::string& name) override {
        changeThenList([runId, name](RunStore& store) { store.renameRun(runId, name); });
    }
    void deleteRun(std::int64_t runId) override {
        changeThenList([runId](RunStore& store) { store.deleteRun(runId); });
    }
    void markBaseline(std::int64_t runId) override {
        changeThenList([runId](RunStore& store) { store.markBaseline(runId); });
    }

    void readComparison(std::int64_t baselineId, std::int64_t candidateId) override {
        using Reports = std::pair<std::shared_ptr<const RunReport>, std::shared_ptr<const RunReport>>;
        m_comparison.start(
            [file = m_file, baselineId, candidateId] {
                const RunStore store(file, RunStore::Mode::ReadOnly);
                return Reports{std::make_shared<const RunReport>(loadRunReport(store, baselineId, 1)),
                               std::make_shared<const RunReport>(loadRunReport(store, candidateId, 1))};
            },
            [this](const Reports& reports) { emit comparisonRead(reports.first, reports.second); },
            [this](const QString& message) { emit comparisonFailed(message); });
    }

    void readEndurance(const EnduranceRequest& r) override {
        m_endurance.start(
            [file = m_file, r] {
                return std::make_shared<const EnduranceSlice>(
                    readEnduranceSlice(RunStore(file, RunStore::Mode::ReadOnly), r.runId, r.window, r.columns,
                                       r.withRunDetails));
            },
            [this](const std::shared_ptr<const EnduranceSlice>& slice) { emit enduranceRead(slice); },
            [this](const QString& message) { emit enduranceFailed(message); });
    }

    void readProfile(const RunProfileQuery& query) override {
        m_profile.start(
            [file = m_file, query] {
                return std::make_shared<const RunProfile>(
                    readRunProfile(RunStore(file, RunStore::Mode::ReadOnly), query));
            },
            [this](const std::shared_ptr<const RunProfile>& profile) { emit profileRead(profile); },
            [this](const QString& message) { emit profileFailed(message); });
    }

private:
    // The store's refusal of a change is answered first, the history after it always.
    void changeThenList(std::function<void(RunStore&)> change) {
        m_history.start(
            [this, change = std::move(change)] {
                if (!m_writer)
                    m_writer = std::make_unique<RunStore>(m_file);
                QString refusal;
                try {
                    change(*m_writer);
                } catch (const std::exception& e) {
                    refusal = QString::fromUtf8(e.what());
                }
                return std::pair{refusal, loadRunHistory(*m_writer)};
            },
            [this](const std::pair<QString, std::vector<RunHistoryEntry>>& answer) {
                if (!answer.first.isEmpty())
                    emit changeRefused(answer.first);
                emit historyRead(answer.second);
            },
            [this](const QString& message) { emit historyFailed(message); });
    }

    std::filesystem::path m_file;
    std::unique_ptr<RunStore> m_writer; // used on m_history's worker only
    JobTracker m_history{this, JobTracker::Policy::EveryJob};
    JobTracker m_comparison{this};
    JobTracker m_endurance{this};
    JobTracker m_profile{this};
};

} // namespace perflab::test
