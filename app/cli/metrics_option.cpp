// Starts the Prometheus exporter a command asked for, loopback unless another interface is named out loud.
#include "app/cli/metrics_option.h"
#include "app/cli/cli_args.h"
#include "app/run/run_controller.h"

#include <cstdlib>
#include <iostream>

namespace perflab::cli {
namespace {

bool isLoopbackHost(std::string_view host) {
    return host == "localhost" || host == "[::1]" || host == "::1" || host.starts_with("127.");
}

} // namespace

std::string metricsAddress(const Args& args, const char* defaultAddress) {
    const char* fromEnvironment = std::getenv("PERFLAB_METRICS");
    const std::string address =
        args.value("--metrics")
            .value_or(fromEnvironment && *fromEnvironment ? fromEnvironment : defaultAddress);
    if (address != "off" && address.find(':') == std::string::npos)
        return "127.0.0.1:" + address; // the exporter would otherwise listen on every interface
    return address;
}

std::optional<std::string> exposureWarning(std::string_view server, std::string_view hostPort,
                                           std::string_view exposes) {
    const std::string_view host = hostPort.substr(0, hostPort.rfind(':'));
    if (isLoopbackHost(host))
        return std::nullopt;
    return std::string(server) + " at " + std::string(hostPort) +
           " is reachable from other machines (not a loopback address): " + std::string(exposes);
}

std::optional<std::string> metricsExposureWarning(const std::string& address) {
    if (address == "off")
        return std::nullopt;
    return exposureWarning("the Prometheus metrics endpoint", address,
                           "it has no authentication, and anyone who reaches it reads this run's figures and "
                           "target");
}

std::unique_ptr<PrometheusExporter> startExporter(const std::string& address, bool quiet) {
    if (address == "off")
        return nullptr;
    try {
        auto exporter = std::make_unique<PrometheusExporter>(address);
        if (!quiet)
            std::cerr << "metrics at http://" << address.substr(0, address.rfind(':')) << ':'
                      << exporter->port() << "/metrics\n";
        return exporter;
    } catch (const ExporterError& e) {
        throw RunError(e.what());
    }
}

} // namespace perflab::cli
