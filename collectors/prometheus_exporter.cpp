// Metrics are created once per run (label values are fixed for its life), so recording is a few atomic
// adds and sets per second; latency buckets come from the interval's HDR histogram in one pass each.
#include "collectors/prometheus_exporter.h"

#include <prometheus/counter.h>
#include <prometheus/exposer.h>
#include <prometheus/gauge.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <chrono>
#include <optional>
#include <thread>
#include <utility>
#include <vector>

namespace perflab {
namespace {

using prometheus::BuildCounter;
using prometheus::BuildGauge;
using prometheus::Counter;
using prometheus::Gauge;

// Upper bounds in seconds; 0.1 s is the default p95 SLO, so its bucket answers "how many met it".
const prometheus::Histogram::BucketBoundaries kLatencyBuckets = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1,
                                                                 0.25,  0.5,    1,     2.5,  5,     10};
// The percentiles exported as gauges, and where a row keeps each (milliseconds).
struct ExportedPercentile {
    const char* label;
    double LatencyFigures::*figure;
};
constexpr std::array<ExportedPercentile, 3> kPercentiles = {
    {{"50", &LatencyFigures::p50}, {"95", &LatencyFigures::p95}, {"99", &LatencyFigures::p99}}};

// Opens and closes a loopback connection: wakes civetweb's accept loop so a pending stop is seen now.
void poke(std::uint16_t port) {
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return;
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address);
    ::close(fd);
}

double seconds(double milliseconds) {
    return milliseconds / 1000;
}

} // namespace

struct PrometheusExporter::Impl {
    std::unique_ptr<prometheus::Exposer> exposer;
    std::shared_ptr<prometheus::Registry> registry = std::make_shared<prometheus::Registry>();
    std::uint16_t port = 0;

    // Set by startRun; null before.
    std::array<Counter*, kErrorKindCount + 1> requests{}; // [0] success, then one per ErrorKind
    Counter* degraded = nullptr;                          // answered from a fallback
    prometheus::Histogram* latency = nullptr;
    std::array<Gauge*, kPercentiles.size()> percentiles{};
    Gauge* throughput = nullptr;
    Gauge* activeUsers = nullptr;
    Counter* lateSends = nullptr;
    Counter* droppedSends = nullptr;
    Gauge* processCpu = nullptr;
    Gauge* processRss = nullptr;
    Gauge* processMemory = nullptr;
    Gauge* processThreads = nullptr;
    Gauge* processOpenFds = nullptr;
    Gauge* systemCpu = nullptr;
    Gauge* systemMemory = nullptr;
    // The generator's and the target's figures: a series only while measured, so absent is not 0.
    struct Measured {
        prometheus::Family<Gauge>* family = nullptr;
        prometheus::Labels labels;
        Gauge* gauge = nullptr;
        void set(const std::optional<double>& value) {
            if (value && !gauge)
                gauge = &family->Add(labels);
            if (value)
                gauge->Set(*value);
            else if (gauge)
                family->Remove(std::exchange(gauge, nullptr));
        }
    };
    Measured generatorCpu;
    Measured targetCpu;
    Measured targetRss;
};

PrometheusExporter::PrometheusExporter(const std::string& address)
    : m_impl(std::make_unique<Impl>()) {
    try {
        m_impl->exposer = std::make_unique<prometheus::Exposer>(
            std::vector<std::string>{"listening_ports", address, "num_threads", "2"});
    } catch (const std::exception&) {
        throw ExporterError("cannot serve Prometheus metrics at " + address +
                            ": the address is malformed or its port is in use (--metrics ADDR or off)");
    }
    const auto ports = m_impl->exposer->GetListeningPorts();
    if (ports.empty())
        throw ExporterError("cannot serve Prometheus metrics at " + address + ": no listening port");
    m_impl->port = static_cast<std::uint16_t>(ports.front());
    m_impl->exposer->RegisterCollectable(m_impl->registry);
}

PrometheusExporter::~PrometheusExporter() {
    std::atomic<bool> stopped = false;
    std::thread stopper([&] {
        m_impl->exposer.reset();
        stopped = true;
    });
    while (!stopped) {
        poke(m_impl->port);
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    stopper.join();
}

std::uint16_t PrometheusExporter::port() const noexcept {
    return m_impl->port;
}

void PrometheusExporter::startRun(const RunLabels& run) {
    Impl& d = *m_impl;
    prometheus::Registry& r = *d.registry;
    const prometheus::Labels target = {{"target", run.target}};

    BuildGauge()
        .Name("perflab_run_info")
        .Help("The run being measured (value 1)")
        .Register(r)
        .Add({{"run_id", std::to_string(run.runId)},
              {"name", run.name},
              {"kind", run.kind},
              {"target", run.target}})
        .Set(1);
    auto& requests = BuildCounter()
                         .Name("perflab_requests_total")
                         .Help("Completed requests by outcome: success, degraded (answered from a fallback), "
                               "or the kind of error")
                         .Register(r);
    d.requests[0] = &requests.Add({{"target", run.target}, {"outcome", "success"}});
    for (std::size_t k = 0; k < kErrorKindCount; ++k)
        d.requests[k + 1] = &requests.Add(
            {{"target", run.target}, {"outcome", std::string(toString(static_cast<ErrorKind>(k)))}});
    d.degraded = &requests.Add({{"target", run.target}, {"outcome", "degraded"}});
    d.latency = &prometheus::BuildHistogram()
                     .Name("perflab_request_duration_seconds")
                     .Help("Latency of successful requests from the intended send time (coordinated-omission "
                           "corrected); "
                           "failed requests count in perflab_requests_total by outcome")
                     .Register(r)
                     .Add(target, kLatencyBuckets);
    auto& percentiles = BuildGauge()
                            .Name("perflab_request_duration_percentile_seconds")
                            .Help("Exact HDR percentiles of the last second's latency")
                            .Register(r);
    for (std::size_t i = 0; i < kPercentiles.size(); ++i)
        d.percentiles[i] = &percentiles.Add({{"target", run.target}, {"percentile", kPercentiles[i].label}});
    auto gauge = [&](const char* name, const char* help, const prometheus::Labels& labels) -> Gauge* {
        return &BuildGauge().Name(name).Help(help).Register(r).Add(labels);
    };
    auto counter = [&](const char* name, const char* help) -> Counter* {
        return &BuildCounter().Name(name).Help(help).Register(r).Add(target);
    };
    d.throughput =
        gauge("perflab_throughput_requests_per_second", "Requests completed in the last second", target);
    d.activeUsers =
        gauge("perflab_active_users", "Virtual users active at the end of the last second", target);
    d.lateSends = counter("perflab_late_sends_total",
                          "Requests sent after their intended time (open model, paced users)");
    d.droppedSends = counter("perflab_dropped_sends_total", "Open model: requests never sent (no free user)");
    d.processCpu =
        gauge("perflab_process_cpu_utilization_ratio", "CPU of the run process, share of all cores", {});
    d.processRss = gauge("perflab_process_resident_memory_bytes", "Resident memory of the run process", {});
    d.processMemory = gauge("perflab_process_memory_utilization_ratio",
                            "Resident memory of the run process, share of the cgroup limit or RAM", {});
    d.processThreads = gauge("perflab_process_threads", "Threads of the run process", {});
    d.processOpenFds = gauge("perflab_process_open_fds", "Open file descriptors of the run process", {});
    d.systemCpu = gauge("perflab_system_cpu_utilization_ratio", "CPU of the machine, share of all cores", {});
    d.systemMemory =
        gauge("perflab_system_memory_utilization_ratio", "Memory in use on the machine, share", {});
    auto measured = [&](const char* name, const char* help, const prometheus::Labels& labels) {
        return Impl::Measured{.family = &BuildGauge().Name(name).Help(help).Register(r), .labels = labels};
    };
    d.generatorCpu = measured("perflab_generator_cpu_utilization_ratio",
                              "CPU of the load generator, share of all cores: the run process less a target "
                              "hosted in it",
                              {});
    d.targetCpu =
        measured("perflab_target_cpu_utilization_ratio",
                 "CPU of the process under test, share of all cores (absent when not measured)", target);
    d.targetRss =
        measured("perflab_target_resident_memory_bytes",
                 "Resident memory of the process under test when it runs apart from the generator", target);
}

void PrometheusExporter::record(const Interval& in, const IntervalRow& row) {
    Impl& d = *m_impl;
    if (!d.latency)
        throw std::logic_error("PrometheusExporter::record before startRun");
    d.requests[0]->Increment(static_cast<double>(in.counts.successes()));
    d.degraded->Increment(static_cast<double>(in.counts.degraded));
    for (std::size_t k = 0; k < kErrorKindCount; ++k)
        d.requests[k + 1]->Increment(static_cast<double>(in.counts.errorsByKind[k]));

    std::vector<double> increments(kLatencyBuckets.size() + 1);
    std::uint64_t below = 0;
    for (std::size_t b = 0; b < kLatencyBuckets.size(); ++b) {
        const auto upTo = in.latency.countAtOrBelow(static_cast<std::int64_t>(kLatencyBuckets[b] * 1e6));
        increments[b] = static_cast<double>(upTo - below);
        below = upTo;
    }
    increments.back() = static_cast<double>(in.latency.count() - below);
    d.latency->ObserveMultiple(increments,
                               seconds(row.latency.mean * static_cast<double>(in.latency.count())));
    for (std::size_t i = 0; i < kPercentiles.size(); ++i)
        d.percentiles[i]->Set(seconds(row.latency.*kPercentiles[i].figure));

    d.throughput->Set(row.throughputRps());
    d.activeUsers->Set(in.activeUsers);
    d.lateSends->Increment(static_cast<double>(in.counts.lateSends));
    d.droppedSends->Increment(static_cast<double>(in.counts.droppedSends));
    d.processCpu->Set(in.resources.processCpuPercent / 100);
    d.processRss->Set(static_cast<double>(in.resources.processRssBytes));
    d.processMemory->Set(in.resources.processMemoryPercent / 100);
    d.processThreads->Set(in.resources.threads);
    d.processOpenFds->Set(in.resources.openFds);
    d.systemCpu->Set(in.resources.systemCpuPercent / 100);
    d.systemMemory->Set(in.resources.systemMemoryPercent / 100);
    const auto ratio = [](const std::optional<double>& percent) {
        return percent ? std::optional(*percent / 100) : std::nullopt;
    };
    d.generatorCpu.set(ratio(in.resources.generatorCpuPercent));
    d.targetCpu.set(ratio(in.resources.targetCpuPercent));
    const auto& rss = in.resources.targetRssBytes;
    d.targetRss.set(rss ? std::optional(static_cast<double>(*rss)) : std::nullopt);
}

} // namespace perflab
