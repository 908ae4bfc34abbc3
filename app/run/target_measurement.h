// Which process a run's target is, and the meter that measures it beside the generator.
#pragma once

#include "collectors/resources/target_meter.h"
#include "load/target_plan.h"
#include "model/scenario/scenario.h"

#include <memory>

namespace perflab {

// A hosted engine, called in process or behind the engine server: the threads that run its calls (the
// engine executor's or the server's). A URL on a loopback address: the processes that listen on its port
// (this process's engine-server threads when it is this process), else remote.
std::unique_ptr<TargetMeter> targetMeterFor(const Target& spec, const load::TargetPlan& plan);

} // namespace perflab
