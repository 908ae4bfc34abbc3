// The PDF report of a run (and, with a baseline, its comparison): cover, summary, charts over time,
// resources, percentile spectrum, the pages of its test kind. The app's File > Export PDF and
// `perflab report` both write it; its charts are the app's chart widgets rendered as vectors.
#pragma once

#include "model/store/run_report.h"

#include <QString>
#include <QStringList>

#include <cstddef>

namespace perflab {

enum class ReportPageSize { A4, Letter };

class ReportWriter {
public:
    // Buckets to read for the over-time charts (loadRunReport): about one per two chart pixel columns, so a
    // chart reduced to ~2 points per column gets every extreme.
    static std::size_t chartBuckets(ReportPageSize size);

    // `baseline` may be null; both must outlive the writer.
    ReportWriter(const RunReport& run, const RunReport* baseline, ReportPageSize size);

    // The titles of the pages this report has, in order (pages that do not apply are left out).
    QStringList pageTitles() const;
    // Writes the PDF atomically; throws std::runtime_error with the file and the OS's message when it cannot.
    // Needs a QApplication (an offscreen one will do).
    void write(const QString& file) const;

private:
    const RunReport& m_run;
    const RunReport* m_baseline;
    ReportPageSize m_size;
};

} // namespace perflab
