// CPU, memory, threads and open descriptors of this process and CPU and memory of the system, from kept-open
// /proc (and cgroup v2) files.
#pragma once

#include "model/interval.h"

#include <chrono>
#include <filesystem>

namespace perflab {

class ResourceSampler {
public:
    // procRoot and cgroupRoot are injectable so tests read fixture files.
    explicit ResourceSampler(const std::filesystem::path& procRoot = "/proc",
                             const std::filesystem::path& cgroupRoot = "/sys/fs/cgroup");
    ~ResourceSampler();
    ResourceSampler(const ResourceSampler&) = delete;
    ResourceSampler& operator=(const ResourceSampler&) = delete;

    // CPU percentages are over the time since the previous call (the first call measures since construction).
    // processCpuPercent is always a share of all cores; a cgroup v2 cpu.max quota is reported beside it
    // (cpuLimitCores, processCpuPercentOfLimit), never folded into it. Memory % is of the cgroup memory.max
    // when set below physical memory, else of physical memory.
    ResourceSample sample();

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace perflab
