// The window's one owner of run store connections: read-only ones serve reads on worker threads, one
// read-write connection makes the History page's changes, and every answer is a snapshot posted to the GUI
// thread. The pages ask through StoreRequests; app code (RunSession, the PDF export) reads with read().
#pragma once

#include "model/store/run_store.h"
#include "widgets/jobs/job_tracker.h"
#include "widgets/jobs/store_requests.h"

#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <utility>
#include <vector>

namespace perflab {

class StoreService : public StoreRequests {
    Q_OBJECT
public:
    explicit StoreService(std::filesystem::path store, QObject* parent = nullptr);
    ~StoreService() override;

    const std::filesystem::path& path() const noexcept { return m_path; }

    // Runs read(const RunStore&) on `tracker`'s worker with a read-only connection (opened when none is free,
    // kept for the next read unless this one threw); done(result) or failed(message) follow on the tracker's
    // owner's thread. The tracker may outlive the service.
    template <class Read, class Done, class Failed>
    void read(JobTracker& tracker, Read read, Done done, Failed failed) {
        tracker.start([readers = m_readers, read = std::move(read)] { return readers->use(read); },
                      std::move(done), std::move(failed));
    }

    void readHistory() override;
    void renameRun(std::int64_t runId, const std::string& name) override;
    void deleteRun(std::int64_t runId) override;
    void markBaseline(std::int64_t runId) override;
    void readComparison(std::int64_t baselineId, std::int64_t candidateId) override;
    void readEndurance(const EnduranceRequest& request) override;
    void readProfile(const RunProfileQuery& query) override;

private:
    // The read-only connections, each used by one read at a time.
    class Readers {
    public:
        explicit Readers(std::filesystem::path store)
            : m_path(std::move(store)) {}

        // A connection whose read threw is closed, not kept: the file may have been mid-creation.
        template <class Read> auto use(const Read& read) {
            std::unique_ptr<RunStore> connection = take();
            auto result = read(std::as_const(*connection));
            give(std::move(connection));
            return result;
        }

    private:
        std::unique_ptr<RunStore> take();
        void give(std::unique_ptr<RunStore> connection);

        std::filesystem::path m_path;
        std::mutex m_mutex;
        std::vector<std::unique_ptr<RunStore>> m_idle;
    };

    // Runs `change` (none: only read) on the read-write connection, then reads the history on it.
    void change(std::function<void(RunStore&)> change);
    RunStore& writer();

    std::filesystem::path m_path;
    std::shared_ptr<Readers> m_readers; // shared with the reads under way
    std::unique_ptr<RunStore> m_writer; // opened by the first history job, used on m_history's worker only
    JobTracker m_history{this, JobTracker::Policy::EveryJob};
    JobTracker m_comparison{this};
    JobTracker m_endurance{this};
    JobTracker m_profile{this};
};

} // namespace perflab
