// CPU, memory, threads and open descriptors of this process and CPU and memory of the system, from kept-open
// /proc (and cgroup v2) files.
#pragma once

#include "collectors/resources/target_meter.h"
#include "model/metrics/interval.h"

#include <chrono>
#include <filesystem>
#include <memory>

namespace perflab {

class ResourceSampler {
public:
    // procRoot and cgroupRoot are injectable so tests read fixture files.
    // target, when given, measures the process under test each sample; then the generator's share is
    // measured too (ResourceSample::generatorCpuPercent).
    explicit ResourceSampler(const std::filesystem::path& procRoot = "/proc",
                             const std::filesystem::path& cgroupRoot = "/sys/fs/cgroup",
                             std::unique_ptr<TargetMeter> target = nullptr);
    ~ResourceSampler();
    ResourceSampler(const ResourceSampler&) = delete;
    ResourceSampler& operator=(const ResourceSampler&) = delete;

    // CPU percentages are over the time since the previous call (the first call measures since construction).
    // processCpuPercent is always a share of all cores; a cgroup v2 cpu.max quota is reported beside it
    // (cpuLimitCores, processCpuPercentOfLimit), never folded into it. Memory % is of the cgroup memory.max
    // when set below physical memory, else of physical memory. A target in the same process is split off
    // the process's CPU: its share is capped at processCpuPercent and the generator has the rest; a target
    // elsewhere leaves the generator the whole process.
    ResourceSample sample();

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace perflab
