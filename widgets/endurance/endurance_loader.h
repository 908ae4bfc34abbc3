// Reads endurance slices on a worker thread, one at a time; a newer request supersedes older ones, which are
// skipped if not yet started and never delivered if already under way.
#pragma once

#include "model/store/endurance_slice.h"

#include <QObject>
#include <QString>
#include <QThread>

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>

namespace perflab {

struct EnduranceRequest {
    std::filesystem::path store;
    std::int64_t runId = 0;
    std::optional<TimeWindow> window; // none: the whole run
    std::size_t columns = 1;          // the plot's pixel width
    bool withRunDetails = true;       // the run, its extent, events and trend (on opening)
};

class EnduranceLoader : public QObject {
    Q_OBJECT
public:
    explicit EnduranceLoader(QObject* parent = nullptr);
    ~EnduranceLoader() override; // waits for a read under way

    // Queues the read and returns its generation; only the newest generation's result is delivered.
    std::uint64_t request(EnduranceRequest request);
    bool isBusy() const noexcept { return m_delivered != m_latest->load(); }

signals:
    void sliceLoaded(std::shared_ptr<const perflab::EnduranceSlice> slice);
    void loadFailed(const QString& message);

private:
    class Worker;
    QThread m_thread;
    Worker* m_worker = nullptr;                           // lives on m_thread, deleted when it finishes
    std::shared_ptr<std::atomic<std::uint64_t>> m_latest; // read by the worker to skip superseded requests
    std::uint64_t m_delivered = 0;
};

} // namespace perflab
