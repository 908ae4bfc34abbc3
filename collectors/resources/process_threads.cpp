// Lists /proc/self/task and reads /proc/self/task/TID/comm.
#include "collectors/resources/process_threads.h"

#include <cerrno>
#include <charconv>
#include <dirent.h>
#include <fstream>
#include <pthread.h>
#include <string_view>
#include <system_error>

namespace perflab::profiling {

void nameThisThread(const char* name) noexcept {
    ::pthread_setname_np(::pthread_self(), name);
}

std::vector<pid_t> threadsOfThisProcess() {
    DIR* tasks = ::opendir("/proc/self/task");
    if (!tasks)
        throw std::system_error(errno, std::generic_category(), "cannot list /proc/self/task");
    std::vector<pid_t> tids;
    while (const dirent* entry = ::readdir(tasks)) {
        const std::string_view name = entry->d_name;
        pid_t tid = 0;
        if (std::from_chars(name.data(), name.data() + name.size(), tid).ec == std::errc() && tid > 0)
            tids.push_back(tid);
    }
    ::closedir(tasks);
    return tids;
}

std::optional<std::string> threadName(pid_t tid) {
    std::ifstream comm("/proc/self/task/" + std::to_string(tid) + "/comm");
    std::string name;
    if (!std::getline(comm, name))
        return std::nullopt;
    return name;
}

} // namespace perflab::profiling
