// CSV with one row per second and JUnit XML whose failures carry the measured value and the threshold.
#include "model/format/exporters.h"

#include "model/metrics/base64.h"

#include <algorithm>
#include <ctime>
#include <iomanip>
#include <optional>
#include <sstream>

namespace perflab {

namespace {

void writeFigures(std::ostream& out, const LatencyFigures& f) {
    out << ',' << f.mean << ',' << f.p50 << ',' << f.p90 << ',' << f.p95 << ',' << f.p99 << ',' << f.p999
        << ',' << f.max;
}

// An empty cell when the figure was not measured.
template <class T> void writeMeasured(std::ostream& out, const std::optional<T>& value) {
    out << ',';
    if (value)
        out << *value;
}

std::string xmlEscaped(const std::string& text) {
    std::string out;
    for (char c : text) {
        switch (c) {
        case '&':
            out += "&amp;";
            break;
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        case '"':
            out += "&quot;";
            break;
        default:
            out += c;
        }
    }
    return out;
}

} // namespace

void writeCsv(std::ostream& out, const std::vector<IntervalRow>& rows) {
    out << "ts_ms,elapsed_s,duration_ms,requests,errors,throughput_rps,active_users,late_sends,dropped_sends";
    for (const char* view : {"latency", "service_time"})
        for (const char* figure : {"mean", "p50", "p90", "p95", "p99", "p999", "max"})
            out << ',' << view << '_' << figure << "_ms";
    out << ",process_cpu_percent,process_rss_bytes,process_memory_percent,system_cpu_percent,"
           "system_memory_percent";
    for (std::size_t k = 0; k < kErrorKindCount; ++k)
        out << ",errors_" << toString(static_cast<ErrorKind>(k));
    out << ",target,generator_cpu_percent,target_cpu_percent,target_rss_bytes";
    out << ",degraded,stale_age_mean_ms,stale_age_p95_ms,stale_age_max_ms\n";

    const std::int64_t origin = rows.empty() ? 0 : rows.front().startMs;
    std::ostringstream line;
    line << std::setprecision(10);
    for (const auto& r : rows) {
        line.str({});
        line << r.startMs << ',' << static_cast<double>(r.startMs - origin) / 1000.0 << ',' << r.durationMs
             << ',' << r.counts.requests << ',' << r.counts.errors << ',' << r.throughputRps() << ','
             << r.activeUsers << ',' << r.counts.lateSends << ',' << r.counts.droppedSends;
        writeFigures(line, r.latency);
        writeFigures(line, r.serviceTime);
        line << ',' << r.resources.processCpuPercent << ',' << r.resources.processRssBytes << ','
             << r.resources.processMemoryPercent << ',' << r.resources.systemCpuPercent << ','
             << r.resources.systemMemoryPercent;
        for (auto count : r.counts.errorsByKind)
            line << ',' << count;
        const ResourceSample& resources = r.resources;
        line << ',' << (resources.target == TargetPlacement::Unknown ? "" : toString(resources.target));
        writeMeasured(line, resources.generatorCpuPercent);
        writeMeasured(line, resources.targetCpuPercent);
        writeMeasured(line, resources.targetRssBytes);
        line << ',' << r.counts.degraded << ',' << r.staleAge.mean << ',' << r.staleAge.p95 << ','
             << r.staleAge.max;
        out << line.str() << '\n';
    }
}

void writeJUnit(std::ostream& out, const Summary& s) {
    // The evidence is a test case of its own: CI must see why a run whose SLOs all hold still failed.
    const bool noEvidence = !s.verdictReason.empty();
    std::size_t failures = noEvidence ? 1 : 0;
    for (const auto& r : s.slos)
        failures += r.pass ? 0 : 1;
    out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        << "<testsuites>\n  <testsuite name=\"" << xmlEscaped(s.name) << "\" tests=\"" << s.slos.size() + 1
        << "\" failures=\"" << failures << "\" time=\"" << s.durationS << "\">\n"
        << "    <testcase classname=\"perflab.run\" name=\"successful requests\" time=\"0\">";
    if (noEvidence)
        out << "\n      <failure message=\"" << xmlEscaped(s.verdictReason) << "\" type=\"evidence\"/>\n    ";
    out << "</testcase>\n";
    for (const auto& r : s.slos) {
        out << "    <testcase classname=\"perflab.slo\" name=\"" << xmlEscaped(label(r)) << "\" time=\"0\">";
        if (!r.pass) {
            out << "\n      <failure message=\"" << xmlEscaped(label(r)) << ": measured " << r.value
                << ", threshold " << r.threshold;
            if (r.breachedAtS)
                out << ", first breached at " << *r.breachedAtS << " s";
            out << "\" type=\"slo\"/>\n    ";
        }
        out << "</testcase>\n";
    }
    out << "  </testsuite>\n</testsuites>\n";
}

void writeHlog(std::ostream& out, const std::vector<StoredHistogram>& windows, std::int64_t runStartMs,
               std::int64_t runEndMs) {
    const auto seconds = [](std::int64_t ms) { return static_cast<double>(ms) / 1000.0; };
    const std::time_t start = runStartMs / 1000;
    char date[64];
    std::tm utc{};
    std::strftime(date, sizeof date, "%a %b %d %H:%M:%S UTC %Y", gmtime_r(&start, &utc));
    out << "#[Histogram log format version 1.3]\n"
        << "#[StartTime: " << std::fixed << std::setprecision(3) << seconds(runStartMs)
        << " (seconds since epoch), " << date << "]\n"
        << "\"StartTimestamp\",\"Interval_Length\",\"Interval_Max\",\"Interval_Compressed_Histogram\"\n";
    for (std::size_t i = 0; i < windows.size(); ++i) {
        const StoredHistogram& w = windows[i];
        // Windows are aligned to wall-clock 10 s boundaries, so the first one starts before the run: it is
        // clipped to the run's start, as the HdrHistogram tools skip intervals before the log's StartTime.
        const std::int64_t begin = std::max(w.startMs, runStartMs);
        const std::int64_t end = i + 1 < windows.size() ? windows[i + 1].startMs : std::max(runEndMs, begin);
        const std::int64_t length = std::min<std::int64_t>(end, w.startMs + 10'000) - begin;
        for (const auto& [tag, histogram] :
             {std::pair{"", &w.latency}, std::pair{"Tag=service_time,", &w.serviceTime}}) {
            out << tag << seconds(begin - runStartMs) << ',' << seconds(length) << ','
                << static_cast<double>(histogram->max()) / 1e3 << ',' << base64Encode(histogram->encode())
                << '\n';
        }
    }
    out << std::defaultfloat;
}

} // namespace perflab
