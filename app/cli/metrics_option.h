// The --metrics option of `perflab run` and `perflab serve`: where the Prometheus exporter listens.
#pragma once

#include "collectors/prometheus_exporter.h"

#include <memory>

namespace perflab::cli {

class Args;

// --metrics ADDR, else $PERFLAB_METRICS, else defaultAddress; "off": no exporter (nullptr). Says where the
// metrics are on stderr unless --quiet. A busy or malformed address is a RunError (exit 3).
std::unique_ptr<PrometheusExporter> startExporter(const Args& args, const char* defaultAddress);

} // namespace perflab::cli
