// perflab serve: hosts the engines over HTTP until SIGINT/SIGTERM.
#include "app/cli/cli.h"
#include "app/cli/cli_args.h"
#include "app/cli/metrics_option.h"
#include "collectors/resources/resource_sampler.h"
#include "engines/engine_server.h"
#include "model/scenario/cache_setting.h"

#include <charconv>
#include <chrono>
#include <iostream>
#include <thread>

namespace perflab::cli {

namespace {

const CommandSpec kServeSpec{
    .name = "serve",
    .usage =
        "usage: perflab serve [--listen 127.0.0.1:8080] [--cache lru|off|redis://HOST[:PORT]]\n"
        "                     [--metrics ADDR|off] [--quiet]\n"
        "Hosts the engines over HTTP: POST /engines/<name>/<variant>, GET /engines (with request schemas),\n"
        "GET /health.\n"
        "--cache: where the optimized knowledge engine keeps answers (default lru, in-process); a Redis\n"
        "server is checked at start-up.\n"
        "Prometheus metrics of the engine calls it serves (time on the server, status class) and of the\n"
        "process are at http://ADDR/metrics (default $PERFLAB_METRICS, else 127.0.0.1:9465, beside a\n"
        "`perflab run` on 9464; port 0 picks a free port).\n",
    .valueOptions = {"--listen", "--metrics", "--cache"},
    .flags = {"--quiet"}};

std::pair<std::string, std::uint16_t> parseListen(const std::string& text) {
    const auto colon = text.rfind(':');
    unsigned port = 0;
    const char* end = text.data() + text.size();
    if (colon == std::string::npos || colon == 0 ||
        std::from_chars(text.data() + colon + 1, end, port).ptr != end || port > 65535)
        throw UsageError("serve: --listen expects HOST:PORT, got \"" + text + "\"");
    return {text.substr(0, colon), static_cast<std::uint16_t>(port)};
}

CacheSetting cacheSetting(const std::string& text) {
    try {
        return parseCacheSetting(text);
    } catch (const std::invalid_argument& bad) {
        throw UsageError(std::string("serve: --cache: ") + bad.what());
    }
}

// The served calls and the process's resources, one Interval a second, until a stop signal.
void exportEverySecond(PrometheusExporter& exporter, LatencyRecorder& calls,
                       const std::atomic<StopRequest>& stop) {
    ResourceSampler sampler;
    auto next = std::chrono::steady_clock::now();
    std::int64_t startMs = epochMsNow();
    while (stop.load() == StopRequest::None) {
        next += std::chrono::seconds(1);
        while (stop.load() == StopRequest::None && std::chrono::steady_clock::now() < next)
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        Interval interval;
        interval.startMs = startMs;
        startMs = epochMsNow();
        interval.durationMs = startMs - interval.startMs;
        calls.collect(interval);
        interval.resources = sampler.sample();
        exporter.record(interval, toRow(interval));
    }
}

} // namespace

int runCommandServe(const std::vector<std::string>& arguments) {
    const Args args(kServeSpec, arguments);
    if (args.answeredHelp())
        return kPassed;
    const std::string listen = args.value("--listen").value_or("127.0.0.1:8080");
    const auto [host, port] = parseListen(listen);
    const std::string metrics = metricsAddress(args, "127.0.0.1:9465");
    for (const auto& warning :
         {exposureWarning(
              "the engine server", listen,
              "it has no authentication, and one baseline query costs many full scans: anyone who "
              "reaches it can load this machine"),
          metricsExposureWarning(metrics)})
        if (warning)
            std::cerr << "perflab: warning: " << *warning << '\n';
    const auto& stop = installStopSignals();
    const auto exporter = startExporter(metrics, args.flag("--quiet"));
    const std::string cache = args.value("--cache").value_or("");
    const bool redis = cacheSetting(cache).kind == CacheSetting::Kind::Redis;
    engines::EngineRegistry registry({.resultCache = cache});
    if (redis)
        registry.get("knowledge", "optimized"); // an unreachable Redis stops serve now, not a request later
    const unsigned threads = engines::defaultEngineThreads();
    engines::EngineServer server(registry, host, port, threads);
    LatencyRecorder calls(threads);
    if (exporter) {
        server.recordCallsInto(calls);
        exporter->startRun({.runId = 0, .name = "serve", .kind = "serve", .target = "engine-server"});
    }
    server.start();
    std::cout << "serving engines at http://" << host << ":" << server.port() << " (";
    for (const auto& name : engines::engineNames())
        std::cout << name << " ";
    std::cout << "x baseline, optimized); Ctrl+C stops\n" << std::flush;
    if (exporter)
        exportEverySecond(*exporter, calls, stop);
    while (stop.load() == StopRequest::None)
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    server.stop();
    std::cout << "served " << server.requestsServed() << " requests\n";
    return kPassed;
}

} // namespace perflab::cli
