// Test fixture for dashboard tests: a judged run (tests/widgets/judged_run.h) read back from its store, and
// the y values of a chart's points.
#pragma once

#include "tests/widgets/judged_run.h"

#include <catch2/catch.hpp>

#include <QList>
#include <QPointF>
#include <QTemporaryDir>

namespace perflab::test {

struct ReadBackRun {
    RunInfo info;
    std::vector<IntervalRow> rows;
    std::vector<RunEvent> events;
};

inline ReadBackRun readJudgedRun(int seconds, bool finished = true) {
    QTemporaryDir dir;
    REQUIRE(dir.isValid());
    const std::filesystem::path db = dir.filePath(QStringLiteral("runs.db")).toStdString();
    std::int64_t id = 0;
    {
        RunStore store(db);
        id = writeJudgedRun(store, seconds, finished);
    }
    const RunStore store(db, RunStore::Mode::ReadOnly);
    return {*store.run(id), store.intervals(id), store.events(id)};
}

// The y values of a chart's drawn points.
inline QList<double> ys(const QList<QPointF>& points) {
    QList<double> values;
    for (QPointF p : points)
        values.append(p.y());
    return values;
}

} // namespace perflab::test
