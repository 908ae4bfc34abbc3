// The --metrics option of `perflab run` and `perflab serve`: where the Prometheus exporter listens, and the
// warning a server bound beyond loopback owes its user.
#pragma once

#include "collectors/prometheus_exporter.h"

#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace perflab::cli {

class Args;

// --metrics ADDR, else $PERFLAB_METRICS, else defaultAddress; a port alone means 127.0.0.1:PORT (loopback
// stays the default: any other interface must be named). "off" stays "off".
std::string metricsAddress(const Args& args, const char* defaultAddress);

// For a HOST:PORT that is not a loopback address (127.0.0.0/8, localhost, [::1]): what `server` there exposes
// to other machines, said as a warning; nothing for loopback.
std::optional<std::string> exposureWarning(std::string_view server, std::string_view hostPort,
                                           std::string_view exposes);

// The warning, if any, for the metrics at `address` (printed on stderr by the caller and kept as a run
// event).
std::optional<std::string> metricsExposureWarning(const std::string& address);

// The exporter at `address` ("off": none, nullptr). Says where the metrics are on stderr unless quiet. A busy
// or malformed address is a RunError (exit 3).
std::unique_ptr<PrometheusExporter> startExporter(const std::string& address, bool quiet);

} // namespace perflab::cli
