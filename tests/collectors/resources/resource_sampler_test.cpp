// ResourceSampler reads fixture /proc and cgroup files the way it reads the real ones.
#include "collectors/resources/resource_sampler.h"

#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <ctime>
#include <fstream>
#include <thread>
#include <unistd.h>
#include <vector>

namespace fs = std::filesystem;
using perflab::ResourceSampler;

namespace {

void writeFile(const fs::path& path, const std::string& text) {
    fs::create_directories(path.parent_path());
    std::ofstream(path, std::ios::trunc) << text; // same inode: the sampler's open descriptor sees the change
}

struct FixtureRoot {
    fs::path root = fs::temp_directory_path() / ("perflab-proc-" + std::to_string(::getpid()));
    FixtureRoot() {
        fs::remove_all(root);
        writeFile(root / "proc/self/statm", "50000 25600 1000 100 0 20000 0\n"); // 25600 pages resident
        writeFile(root / "proc/stat", "cpu  100 0 100 800 0 0 0 0 0 0\ncpu0 50 0 50 400 0 0 0 0 0 0\n");
        writeFile(root / "proc/meminfo", "MemTotal:       1000000 kB\nMemFree:         100000 kB\n"
                                         "MemAvailable:    750000 kB\n");
        writeFile(root / "proc/self/cgroup", "0::/perflab.slice/run\n");
        // The command name may hold spaces and parentheses; num_threads is field 20.
        writeFile(root / "proc/self/stat",
                  "4242 (my (odd) app) S 1 4242 4242 0 -1 4194560 900 0 0 0 12 3 0 0 "
                  "20 0 7 0 1234 50000000 25600 18446744073709551615\n");
        for (int fd = 0; fd < 5; ++fd)
            writeFile(root / "proc/self/fd" / std::to_string(fd), "");
    }
    ~FixtureRoot() { fs::remove_all(root); }
};

} // namespace

TEST_CASE("resident memory and system memory use come from statm and meminfo") {
    FixtureRoot fixture;
    ResourceSampler sampler(fixture.root / "proc", fixture.root / "cgroup");
    const auto s = sampler.sample();
    const auto pageSize = static_cast<std::uint64_t>(::sysconf(_SC_PAGESIZE));
    CHECK(s.processRssBytes == 25600 * pageSize);
    CHECK(s.memoryTotalBytes == 1000000ULL * 1024);
    CHECK(s.systemMemoryPercent == Approx(25.0));
    CHECK(s.processMemoryPercent == Approx(100.0 * 25600.0 * pageSize / (1000000.0 * 1024)));
}

TEST_CASE("memory percent is taken of the cgroup limit when one is set") {
    FixtureRoot fixture;
    writeFile(fixture.root / "cgroup/perflab.slice/run/memory.max", "209715200\n"); // 200 MiB
    ResourceSampler sampler(fixture.root / "proc", fixture.root / "cgroup");
    const auto s = sampler.sample();
    CHECK(s.memoryLimitBytes == 209715200);
    CHECK(s.processMemoryPercent == Approx(100.0 * static_cast<double>(s.processRssBytes) / 209715200.0));

    SECTION("and of physical memory when the limit is 'max'") {
        writeFile(fixture.root / "cgroup/perflab.slice/run/memory.max", "max\n");
        const auto unlimited = sampler.sample();
        CHECK(unlimited.memoryLimitBytes == 1000000ULL * 1024);
        CHECK(unlimited.processMemoryPercent ==
              Approx(100.0 * static_cast<double>(unlimited.processRssBytes) / (1000000.0 * 1024)));
    }
}

TEST_CASE("threads come from /proc/self/stat and open descriptors from listing /proc/self/fd") {
    FixtureRoot fixture;
    ResourceSampler sampler(fixture.root / "proc", fixture.root / "cgroup");
    auto s = sampler.sample();
    CHECK(s.threads == 7);
    CHECK(s.openFds == 5);
    writeFile(fixture.root / "proc/self/fd/5", "");
    CHECK(sampler.sample().openFds == 6);
}

TEST_CASE("the real process's thread and descriptor counts follow the threads and files it opens") {
    ResourceSampler sampler;
    const auto before = sampler.sample();
    CHECK(before.threads >= 1);
    CHECK(before.openFds >= 3);
    int pipes[3][2];
    for (auto& p : pipes)
        REQUIRE(::pipe(p) == 0);
    std::atomic<bool> release = false;
    std::vector<std::thread> threads;
    for (int i = 0; i < 2; ++i)
        threads.emplace_back([&] {
            while (!release)
                std::this_thread::sleep_for(std::chrono::milliseconds(1));
        });
    const auto after = sampler.sample();
    release = true;
    for (auto& t : threads)
        t.join();
    for (auto& p : pipes) {
        ::close(p[0]);
        ::close(p[1]);
    }
    CHECK(after.threads == before.threads + 2);
    CHECK(after.openFds == before.openFds + 6);
}

TEST_CASE("a cgroup CPU quota gives the limit in cores and the process CPU as a share of it") {
    FixtureRoot fixture;
    writeFile(fixture.root / "cgroup/perflab.slice/run/cpu.max", "50000 100000\n"); // half a core
    ResourceSampler sampler(fixture.root / "proc", fixture.root / "cgroup");
    const double cores = std::thread::hardware_concurrency();
    const auto s = sampler.sample();
    CHECK(s.cpuLimitCores == Approx(0.5));
    CHECK(s.processCpuPercentOfLimit == Approx(s.processCpuPercent * cores / 0.5));

    SECTION("and of all cores when the quota is 'max'") {
        writeFile(fixture.root / "cgroup/perflab.slice/run/cpu.max", "max 100000\n");
        const auto unlimited = sampler.sample();
        CHECK(unlimited.cpuLimitCores == 0);
        CHECK(unlimited.processCpuPercentOfLimit == Approx(unlimited.processCpuPercent));
    }
}

TEST_CASE("system CPU percent is the busy share of the ticks since the previous sample") {
    FixtureRoot fixture;
    ResourceSampler sampler(fixture.root / "proc", fixture.root / "cgroup");
    // +300 busy (user, system) and +100 idle ticks since construction: 75 % busy.
    writeFile(fixture.root / "proc/stat", "cpu  250 0 250 900 0 0 0 0 0 0\n");
    CHECK(sampler.sample().systemCpuPercent == Approx(75.0));
}

TEST_CASE("process CPU percent follows the CPU time this process burns") {
    // Compared with the CPU time the process itself measured over the same span, so a busy machine (which
    // gives the spinning thread less than a core) cannot make it fail.
    auto cpuSeconds = [] {
        timespec ts{};
        ::clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
        return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
    };
    ResourceSampler sampler;
    const double cpuBefore = cpuSeconds();
    const auto start = std::chrono::steady_clock::now();
    volatile double sink = 0;
    while (std::chrono::steady_clock::now() - start < std::chrono::milliseconds(200))
        sink = sink + 1.0;
    const double burnt = cpuSeconds() - cpuBefore;
    const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const auto s = sampler.sample();
    const double cores = std::thread::hardware_concurrency();
    REQUIRE(burnt > 0.01);
    CHECK(s.processCpuPercent == Approx(100.0 * burnt / wall / cores).epsilon(0.25));
    CHECK(s.processRssBytes > 0);
}

TEST_CASE("a missing /proc root is a clear error") {
    CHECK_THROWS_WITH(ResourceSampler("/nonexistent-proc"), Catch::Contains("/nonexistent-proc"));
}
