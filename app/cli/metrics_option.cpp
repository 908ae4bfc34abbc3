// Starts the Prometheus exporter a command asked for.
#include "app/cli/metrics_option.h"
#include "app/cli/cli_args.h"
#include "app/run/run_controller.h"

#include <cstdlib>
#include <iostream>

namespace perflab::cli {

std::unique_ptr<PrometheusExporter> startExporter(const Args& args, const char* defaultAddress) {
    const char* fromEnvironment = std::getenv("PERFLAB_METRICS");
    const std::string address =
        args.value("--metrics")
            .value_or(fromEnvironment && *fromEnvironment ? fromEnvironment : defaultAddress);
    if (address == "off")
        return nullptr;
    try {
        auto exporter = std::make_unique<PrometheusExporter>(address);
        if (!args.flag("--quiet"))
            std::cerr << "metrics at http://" << address.substr(0, address.rfind(':')) << ':'
                      << exporter->port() << "/metrics\n";
        return exporter;
    } catch (const ExporterError& e) {
        throw RunError(e.what());
    }
}

} // namespace perflab::cli
