// Formats progress lines and the summary table; fixed columns so consecutive lines line up.
#include "app/cli/progress_printer.h"

#include "model/format/figure_format.h"

#include <cmath>
#include <cstdio>
#include <sstream>
#include <string>

namespace perflab::cli {

namespace {

std::string clock(Millis t) {
    const long long s = t.count() / 1000;
    char text[32];
    if (s >= 3600)
        std::snprintf(text, sizeof text, "%lld:%02lld:%02lld", s / 3600, s / 60 % 60, s % 60);
    else
        std::snprintf(text, sizeof text, "%02lld:%02lld", s / 60, s % 60);
    return text;
}

std::string mib(std::uint64_t bytes) {
    char text[32];
    std::snprintf(text, sizeof text, "%.0f MiB", static_cast<double>(bytes) / kBytesPerMiB);
    return text;
}

void printLatencyRow(std::ostream& out, const char* label, const LatencyFigures& f) {
    char line[160];
    std::snprintf(line, sizeof line, "    %-14s %8.3f %8.3f %8.3f %8.3f %8.3f %8.3f %8.3f\n", label, f.mean,
                  f.p50, f.p90, f.p95, f.p99, f.p999, f.max);
    out << line;
}

// Latency by part of the traffic, worth a table only when there is more than one part.
void printParts(std::ostream& out, const char* title, const std::vector<PartSummary>& parts) {
    if (parts.size() < 2)
        return;
    out << "  " << title << "\n";
    for (const PartSummary& part : parts) {
        char line[256];
        std::snprintf(line, sizeof line,
                      "    %-40.40s %10llu req %8llu errors  p50 %8.3f  p95 %8.3f  p99 %8.3f ms\n",
                      part.name.c_str(), static_cast<unsigned long long>(part.requests),
                      static_cast<unsigned long long>(part.errors), part.latency.p50, part.latency.p95,
                      part.latency.p99);
        out << line;
    }
}

void printLeak(std::ostream& out, const LeakReport& r) {
    char line[256];
    std::snprintf(
        line, sizeof line, "  memory trend   %s: %+.2f MB/h (95 %% %+.2f .. %+.2f), %u new RSS highs",
        toString(r.verdict).data(), r.slopeMbPerHour, r.ciLowMbPerHour, r.ciHighMbPerHour, r.rssNewHighs);
    out << line;
    if (r.hoursToMemoryLimit) {
        std::snprintf(line, sizeof line, ", memory limit in %.1f h", *r.hoursToMemoryLimit);
        out << line;
    }
    out << "\n";
}

std::string offered(const std::optional<double>& value, const std::string& unit) {
    if (!value)
        return "none";
    char text[64];
    std::snprintf(text, sizeof text, "%.4g %s", *value, unit.c_str());
    return text;
}

void printStress(std::ostream& out, const StressResult& r) {
    out << "  stress         breaking point " << offered(r.breakingPoint, r.unit);
    if (!r.breakingReason.empty())
        out << " (" << r.breakingReason << ")";
    out << ", last sustainable " << offered(r.lastSustainable, r.unit) << ", knee " << offered(r.knee, r.unit)
        << "\n";
}

// A paragraph indented by two spaces, in lines of at most 100 characters.
void printWrapped(std::ostream& out, const std::string& text) {
    std::istringstream words(text);
    std::string line;
    for (std::string word; words >> word;) {
        if (!line.empty() && line.size() + 1 + word.size() > 98) {
            out << "  " << line << '\n';
            line.clear();
        }
        line += (line.empty() ? "" : " ") + word;
    }
    if (!line.empty())
        out << "  " << line << '\n';
}

} // namespace

void ProgressPrinter::runStarted(std::int64_t runId, const Scenario& scenario) {
    m_usersLabel = scenario.workload.model == WorkloadModel::VirtualUsers ? "VUs" : "in flight";
    m_out << "run " << runId << ": " << scenario.name << " (" << toString(scenario.kind) << ", "
          << formatDurationS(std::chrono::duration<double>(scenario.workload.totalDuration()).count())
          << ")\n"
          << std::flush;
}

void ProgressPrinter::intervalCompleted(const Interval&, const IntervalRow& row, Millis elapsed,
                                        Millis planned) {
    const double errorPercent = 100.0 * row.counts.errorRate();
    char line[256];
    std::snprintf(line, sizeof line,
                  "[%s / %s] %5u %s %8.0f req/s  p50 %7.2f ms  p95 %7.2f ms  p99 %7.2f ms  errors %6.2f%%  "
                  "late %llu  cpu %4.0f%%  rss %s\n",
                  clock(elapsed).c_str(), clock(planned).c_str(), row.activeUsers, m_usersLabel,
                  row.throughputRps(), row.latency.p50, row.latency.p95, row.latency.p99, errorPercent,
                  static_cast<unsigned long long>(row.counts.lateSends), row.resources.processCpuPercent,
                  mib(row.resources.processRssBytes).c_str());
    m_out << line << std::flush;
}

void printSummary(std::ostream& out, const Summary& s) {
    char line[256];
    out << "\nrun " << s.runId << "  " << s.name << "  (" << toString(s.kind) << ")  " << toString(s.status)
        << "\n";
    std::snprintf(
        line, sizeof line,
        "  duration       %.1f s\n  requests       %llu  (%.1f req/s, %.0f req/min succeeded; %.1f req/s "
        "attempted)\n",
        s.durationS, static_cast<unsigned long long>(s.counts.requests), s.throughputRps, s.throughputRpm,
        s.attemptedRps);
    out << line;
    std::snprintf(line, sizeof line, "  errors         %llu  (%.3f %%)\n",
                  static_cast<unsigned long long>(s.counts.errors), 100.0 * s.errorRate);
    out << line;
    for (std::size_t k = 0; k < kErrorKindCount; ++k)
        if (s.counts.errorsByKind[k])
            out << "    " << toString(static_cast<ErrorKind>(k)) << ": " << s.counts.errorsByKind[k] << "\n";
    if (s.counts.degraded > 0) {
        std::snprintf(line, sizeof line,
                      "  degraded       %llu  (%.3f %%, served from a fallback; stale age mean %.1f ms, p95 "
                      "%.1f ms, max %.1f ms)\n",
                      static_cast<unsigned long long>(s.counts.degraded), 100.0 * s.degradedRate,
                      s.staleAge.mean, s.staleAge.p95, s.staleAge.max);
        out << line;
    }
    out << "  latency (ms)       mean      p50      p90      p95      p99    p99.9      max\n";
    printLatencyRow(out, "corrected", s.latency);
    printLatencyRow(out, "service time", s.latencyUncorrected);
    if (s.counts.errors > 0)
        printLatencyRow(out, "failures", s.failureTime);
    printWrapped(out, s.latencyBasis);
    printParts(out, "by request", s.endpoints);
    if (!s.engineFigures.empty())
        printWrapped(out, "engine: " + describeEngineFigures(s.engineFigures));
    printParts(out, "by status", s.statusClasses);
    std::snprintf(line, sizeof line, "  late sends     %llu   dropped sends %llu\n",
                  static_cast<unsigned long long>(s.counts.lateSends),
                  static_cast<unsigned long long>(s.counts.droppedSends));
    out << line;
    std::snprintf(line, sizeof line,
                  "  resources      cpu max %.1f %% of all cores, memory max %.2f %% (rss %s)\n",
                  s.cpuPercentMax, s.memoryPercentMax, mib(s.rssBytesMax).c_str());
    out << line;
    if (s.leak)
        printLeak(out, *s.leak);
    if (s.stress)
        printStress(out, *s.stress);
    if (s.spike)
        out << "  spike          "
            << (s.spike->recoveryS
                    ? "recovered " + formatDuration(Millis(std::llround(*s.spike->recoveryS * 1000))) +
                          " after the load came back"
                    : std::string("not recovered by the end of the run"))
            << "\n";
    if (!s.slos.empty())
        out << "  SLOs\n";
    for (const auto& r : s.slos) {
        std::snprintf(line, sizeof line, "    %-28s %12.4g  %s %-10.4g %s", label(r).c_str(), r.value,
                      isFloor(r) ? ">=" : "< ", r.threshold, r.pass ? "pass" : "FAIL");
        out << line;
        if (r.breachedAtS)
            out << "  (first at " << *r.breachedAtS << " s)";
        out << '\n';
    }
    if (!s.verdictReason.empty())
        out << "  failed: " << s.verdictReason << '\n';
    if (!s.abortReason.empty())
        out << "  aborted: " << s.abortReason << '\n';
    out << std::flush;
}

} // namespace perflab::cli
