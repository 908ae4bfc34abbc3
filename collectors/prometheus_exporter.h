// PrometheusExporter: the run's Interval stream as Prometheus metrics (prometheus-cpp) on /metrics.
#pragma once

#include "model/metrics/interval.h"

#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>

namespace perflab {

// The metrics address cannot be served (malformed, port busy): the run cannot start, exit 3.
class ExporterError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct RunLabels {
    std::int64_t runId = 0;
    std::string name;
    std::string kind;
    std::string target; // targetLabel(scenario.target): bounded, one value per run
};

// Serves http://ADDRESS/metrics ("127.0.0.1:9464"; port 0 picks a free port). Counters grow with every
// interval; gauges show the last second. Metric names follow Prometheus conventions: perflab_ prefix,
// base units (seconds, bytes, ratios), _total for counters; every label set is bounded.
class PrometheusExporter {
public:
    explicit PrometheusExporter(const std::string& address);
    ~PrometheusExporter(); // stops serving promptly (civetweb would otherwise wait up to 2 s)
    PrometheusExporter(const PrometheusExporter&) = delete;
    PrometheusExporter& operator=(const PrometheusExporter&) = delete;

    std::uint16_t port() const noexcept;
    void startRun(const RunLabels& labels);
    // Thread-safe against scrapes; called once a second by the interval clock. row is toRow(interval):
    // its percentiles are exported as they are, not computed again.
    void record(const Interval& interval, const IntervalRow& row);

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace perflab
