// The threads of this process and their names, from /proc/self/task.
#pragma once

#include <optional>
#include <string>
#include <sys/types.h>
#include <vector>

namespace perflab::profiling {

std::vector<pid_t> threadsOfThisProcess();
// The thread's name (its comm), or nullopt once it has exited.
std::optional<std::string> threadName(pid_t tid);

} // namespace perflab::profiling
