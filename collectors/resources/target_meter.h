// What the resource sampler measures of the process under test besides the run process itself: a process
// found listening on a loopback port, or the threads of this process that run a hosted engine's calls.
#pragma once

#include "model/metrics/interval.h"

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <sys/types.h>
#include <vector>

namespace perflab {

class TargetMeter {
public:
    virtual ~TargetMeter() = default;
    // Sets the target fields of `sample` (placement, pid, CPU %, RSS) for the time since the previous call
    // (or since construction): coreSeconds is that wall time × the cores, the 100 % of a CPU share.
    virtual void measure(ResourceSample& sample, double coreSeconds) = 0;
};

// A target on another machine: nothing of it can be measured.
std::unique_ptr<TargetMeter> remoteTarget();

// The processes holding a target's listening socket (several for a pre-forking server: their CPU and RSS
// are summed). Each one's figures leave the sum once it exits or cannot be read; with none left the
// target's figures are absent.
std::unique_ptr<TargetMeter> processTarget(std::vector<pid_t> pids,
                                           const std::filesystem::path& procRoot = "/proc");

// The threads of this process named threadName (a hosted engine's: the engine server's or the engine
// executor's): their time on a CPU, from /proc/self/task/TID/schedstat; no RSS, the memory being the run
// process's own.
std::unique_ptr<TargetMeter> threadTarget(std::string threadName,
                                          const std::filesystem::path& procRoot = "/proc");

// The processes with a TCP socket listening on `port` (IPv4 or IPv6, any local address), lowest pid first,
// from procRoot/net/tcp{,6} and the socket links of procRoot/PID/fd. Processes whose descriptors cannot be
// read (another user's, without privileges) are not found.
std::vector<pid_t> listeningProcesses(std::uint16_t port, const std::filesystem::path& procRoot = "/proc");

} // namespace perflab
