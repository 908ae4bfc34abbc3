// StoreService: a job tracker per kind of read, each with a thread of its own; the history and its changes
// share one thread and the read-write connection, so the history read after a change always shows it.
#include "app/gui/store_service.h"

#include <QString>

#include <exception>

namespace perflab {
namespace {

struct HistoryAfterChange {
    QString refusal; // the store's reason for refusing the change
    std::vector<RunHistoryEntry> runs;
};

using ComparedReports = std::pair<std::shared_ptr<const RunReport>, std::shared_ptr<const RunReport>>;

} // namespace

std::unique_ptr<RunStore> StoreService::Readers::take() {
    {
        const std::lock_guard lock(m_mutex);
        if (!m_idle.empty()) {
            std::unique_ptr<RunStore> connection = std::move(m_idle.back());
            m_idle.pop_back();
            return connection;
        }
    }
    return std::make_unique<RunStore>(m_path, RunStore::Mode::ReadOnly);
}

void StoreService::Readers::give(std::unique_ptr<RunStore> connection) {
    const std::lock_guard lock(m_mutex);
    m_idle.push_back(std::move(connection));
}

StoreService::StoreService(std::filesystem::path store, QObject* parent)
    : StoreRequests(parent)
    , m_path(std::move(store))
    , m_readers(std::make_shared<Readers>(m_path)) {}

StoreService::~StoreService() = default;

void StoreService::readHistory() {
    change({});
}

void StoreService::renameRun(std::int64_t runId, const std::string& name) {
    change([runId, name](RunStore& store) { store.renameRun(runId, name); });
}

void StoreService::deleteRun(std::int64_t runId) {
    change([runId](RunStore& store) { store.deleteRun(runId); });
}

void StoreService::markBaseline(std::int64_t runId) {
    change([runId](RunStore& store) { store.markBaseline(runId); });
}

void StoreService::readComparison(std::int64_t baselineId, std::int64_t candidateId) {
    read(
        m_comparison,
        [baselineId, candidateId](const RunStore& store) {
            // One chart bucket: the page shows totals and histograms, not figures over time.
            return ComparedReports{std::make_shared<const RunReport>(loadRunReport(store, baselineId, 1)),
                                   std::make_shared<const RunReport>(loadRunReport(store, candidateId, 1))};
        },
        [this](const ComparedReports& reports) { emit comparisonRead(reports.first, reports.second); },
        [this](const QString& message) { emit comparisonFailed(message); });
}

void StoreService::readEndurance(const EnduranceRequest& request) {
    read(
        m_endurance,
        [request](const RunStore& store) {
            return std::make_shared<const EnduranceSlice>(readEnduranceSlice(
                store, request.runId, request.window, request.columns, request.withRunDetails));
        },
        [this](const std::shared_ptr<const EnduranceSlice>& slice) { emit enduranceRead(slice); },
        [this](const QString& message) { emit enduranceFailed(message); });
}

void StoreService::readProfile(const RunProfileQuery& query) {
    read(
        m_profile,
        [query](const RunStore& store) {
            return std::make_shared<const RunProfile>(readRunProfile(store, query));
        },
        [this](const std::shared_ptr<const RunProfile>& profile) { emit profileRead(profile); },
        [this](const QString& message) { emit profileFailed(message); });
}

// A change always runs, even when newer requests wait: each is answered.
void StoreService::change(std::function<void(RunStore&)> change) {
    m_history.start(
        [this, change = std::move(change)] {
            HistoryAfterChange after;
            RunStore& store = writer();
            if (change) {
                try {
                    change(store);
                } catch (const std::exception& e) {
                    after.refusal = QString::fromUtf8(e.what());
                }
            }
            try {
                after.runs = loadRunHistory(store);
            } catch (const StoreError&) {
                m_writer.reset(); // as with the readers, a connection whose read threw is not used again
                throw;
            }
            return after;
        },
        [this](const HistoryAfterChange& after) {
            if (!after.refusal.isEmpty())
                emit changeRefused(after.refusal);
            emit historyRead(after.runs);
        },
        [this](const QString& message) { emit historyFailed(message); });
}

// A store a writer cannot open (a read-only file) is still worth listing; changes then say why they fail.
RunStore& StoreService::writer() {
    if (!m_writer) {
        try {
            m_writer = std::make_unique<RunStore>(m_path);
        } catch (const StoreError&) {
            if (!std::filesystem::exists(m_path))
                throw;
            m_writer = std::make_unique<RunStore>(m_path, RunStore::Mode::ReadOnly);
        }
    }
    return *m_writer;
}

} // namespace perflab
