// The threads of this process and their names, from /proc/self/task.
#pragma once

#include <optional>
#include <string>
#include <sys/types.h>
#include <vector>

namespace perflab::profiling {

// Thread names (at most 15 characters) that tell the run process's parts apart: the resource sampler
// splits the process's CPU by them, and profiles show them.
inline constexpr const char* kEngineThreadName =
    "perflab-engine";                                          // engine calls: the server's, the executor's
inline constexpr const char* kLoadThreadName = "perflab-load"; // the load generator's workers
// Names the calling thread.
void nameThisThread(const char* name) noexcept;

std::vector<pid_t> threadsOfThisProcess();
// The thread's name (its comm), or nullopt once it has exited.
std::optional<std::string> threadName(pid_t tid);

} // namespace perflab::profiling
