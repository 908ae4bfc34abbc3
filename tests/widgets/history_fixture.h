// Test fixture for the History and Compare pages: a store holding a baseline, a faster, a slower and a
// similar run of one test, plus a run still going, and the pages' requests answered from it.
#pragma once

#include "model/store/run_store.h"
#include "tests/widgets/compared_runs.h"
#include "tests/widgets/file_store_requests.h"

#include <QTemporaryDir>

#include <filesystem>

namespace perflab::test {

struct HistoryStore {
    QTemporaryDir dir;
    std::filesystem::path path = dir.filePath(QStringLiteral("runs.db")).toStdString();
    std::int64_t baseline = 0; // marked as the store's baseline
    std::int64_t faster = 0;   // 5x the throughput at half the latency
    std::int64_t slower = 0;   // latency 30 % up
    std::int64_t similar = 0;  // within 2 % of the baseline
    std::int64_t running = 0;  // still going (this process runs it)
    // Kept open so the running run's process (this one) stays its owner.
    std::unique_ptr<RunStore> writer = std::make_unique<RunStore>(path);
    FileStoreRequests requests{path};

    HistoryStore() {
        const auto shape = [](std::string name, std::uint64_t rps, double latency, RunStatus status) {
            RunShape s;
            s.name = std::move(name);
            s.requestsPerSecond = rps;
            s.latencyScale = latency;
            s.status = status;
            return s;
        };
        baseline = writeShapedRun(*writer, shape("knowledge baseline", 1000, 1.0, RunStatus::Passed));
        faster = writeShapedRun(*writer, shape("knowledge optimized", 5000, 0.5, RunStatus::Passed));
        slower = writeShapedRun(*writer, shape("knowledge slower build", 1000, 1.3, RunStatus::Failed));
        similar = writeShapedRun(*writer, shape("knowledge rerun", 1010, 1.01, RunStatus::Passed));
        running = writeShapedRun(*writer, shape("knowledge soak", 1000, 1.0, RunStatus::Running), 5);
        writer->markBaseline(baseline);
    }
};

} // namespace perflab::test
