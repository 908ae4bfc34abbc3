// What the pages ask of the run store, and the snapshots that answer them by signal. The window's store
// service (app/gui/store_service.h) implements it; the pages never open the store themselves.
#pragma once

#include "model/store/endurance_slice.h"
#include "model/store/run_history.h"
#include "model/store/run_profile.h"
#include "model/store/run_report.h"

#include <QObject>
#include <QString>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace perflab {

struct EnduranceRequest {
    std::int64_t runId = 0;
    std::optional<TimeWindow> window; // none: the whole run
    std::size_t columns = 1;          // the plot's pixel width
    bool withRunDetails = true;       // the run, its extent, events and trend (on opening)
};

// Requests are served off the UI thread and answered on it, never inside the call that asks. The reads of a
// run (comparison, endurance, profile) answer the newest request of their kind only; the history's requests
// are each answered, in the order asked. A failure's message is the store's own (it names the file).
class StoreRequests : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;

    // The runs with their figures and verdicts: historyRead, or historyFailed. A change is answered by the
    // history after it; one the store refuses sends changeRefused with its reason first.
    virtual void readHistory() = 0;
    virtual void renameRun(std::int64_t runId, const std::string& name) = 0;
    // The store refuses to delete a running run.
    virtual void deleteRun(std::int64_t runId) = 0;
    virtual void markBaseline(std::int64_t runId) = 0;
    // Two runs' totals and histograms (one chart bucket): comparisonRead, or comparisonFailed.
    virtual void readComparison(std::int64_t baselineId, std::int64_t candidateId) = 0;
    virtual void readEndurance(const EnduranceRequest& request) = 0;
    virtual void readProfile(const RunProfileQuery& query) = 0;

signals:
    void historyRead(const std::vector<perflab::RunHistoryEntry>& runs);
    void historyFailed(const QString& message);
    void changeRefused(const QString& message);
    void comparisonRead(std::shared_ptr<const perflab::RunReport> baseline,
                        std::shared_ptr<const perflab::RunReport> candidate);
    void comparisonFailed(const QString& message);
    void enduranceRead(std::shared_ptr<const perflab::EnduranceSlice> slice);
    void enduranceFailed(const QString& message);
    void profileRead(std::shared_ptr<const perflab::RunProfile> profile);
    void profileFailed(const QString& message);
};

} // namespace perflab
