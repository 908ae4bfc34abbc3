// The process under test: found by its listening socket, measured from its /proc files (fixtures, and a
// real child process on 127.0.0.1), split off this process's CPU by thread names.
#include "collectors/resources/proc_file.h"
#include "collectors/resources/resource_sampler.h"
#include "collectors/resources/target_meter.h"

#include <catch2/catch.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <fstream>
#include <thread>

namespace fs = std::filesystem;
using namespace perflab;

namespace {

void writeFile(const fs::path& path, const std::string& text) {
    fs::create_directories(path.parent_path());
    std::ofstream(path, std::ios::trunc) << text; // same inode: a kept-open descriptor sees the change
}

std::string statLine(pid_t pid, const std::string& command, std::uint64_t utime, std::uint64_t stime) {
    return std::to_string(pid) + " (" + command + ") S 1 1 1 0 -1 4194560 900 0 0 0 " +
           std::to_string(utime) + " " + std::to_string(stime) +
           " 0 0 20 0 3 0 1234 50000000 25600 18446744073709551615\n";
}

// A /proc of fixture files, removed with the test.
struct ProcFixture {
    inline static int made = 0;
    fs::path root = fs::temp_directory_path() /
                    ("perflab-target-" + std::to_string(::getpid()) + "-" + std::to_string(made++));
    ProcFixture() { fs::remove_all(root); }
    ~ProcFixture() { fs::remove_all(root); }
    // A thread of this process: its name and its schedstat (ns on a CPU, ns waiting for one, time slices).
    void thread(pid_t tid, const std::string& name, std::uint64_t onCpuNs, std::uint64_t waitingNs) const {
        const fs::path folder = root / "self/task" / std::to_string(tid);
        writeFile(folder / "comm", name + "\n");
        writeFile(folder / "schedstat", std::to_string(onCpuNs) + " " + std::to_string(waitingNs) + " 7\n");
    }
    void socketLink(pid_t pid, int fd, const std::string& target) const {
        fs::create_directories(root / std::to_string(pid) / "fd");
        fs::create_symlink(target, root / std::to_string(pid) / "fd" / std::to_string(fd));
    }
};

// The ticks a CPU percentage of `coreSeconds` is.
double percentOfTicks(double ticks, double coreSeconds) {
    return 100.0 * ticks / clockTicksPerSecond() / coreSeconds;
}

} // namespace

TEST_CASE("a loopback target's processes are the ones holding a socket listening on its port") {
    ProcFixture proc;
    const std::string header =
        "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n";
    writeFile(
        proc.root / "net/tcp",
        header +
            "   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000 0 4711 1 0\n"
            "   1: 0100007F:1F90 0100007F:C350 01 00000000:00000000 00:00000000 00000000  1000 0 999 1 0\n"
            "   2: 00000000:0050 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0 0 5000 1 0\n");
    writeFile(proc.root / "net/tcp6",
              header + "   0: 00000000000000000000000000000000:1F90 00000000000000000000000000000000:0000 0A "
                       "00000000:00000000 00:00000000 00000000  1000 0 4712 1 0\n");
    proc.socketLink(300, 3, "socket:[4711]"); // a pre-forking server: master and worker share the socket
    proc.socketLink(200, 5, "socket:[4712]"); // the IPv6 listener
    proc.socketLink(100, 4, "socket:[999]");  // a client connected to the port: not the server
    proc.socketLink(400, 0, "/dev/null");
    proc.socketLink(400, 7, "socket:[5000]"); // listening on another port
    proc.socketLink(301, 3, "socket:[4711]");

    CHECK(listeningProcesses(8080, proc.root) == std::vector<pid_t>{200, 300, 301});
    CHECK(listeningProcesses(80, proc.root) == std::vector<pid_t>{400});
    CHECK(listeningProcesses(9999, proc.root).empty());
}

TEST_CASE("a separate process's CPU and RSS come from its stat and status, absent from its exit on") {
    ProcFixture proc;
    writeFile(proc.root / "300/stat", statLine(300, "nginx: master", 100, 50));
    writeFile(proc.root / "300/status", "Name:\tnginx\nVmRSS:\t    2048 kB\nThreads:\t1\n");
    writeFile(proc.root / "301/stat", statLine(301, "nginx: worker", 1000, 500));
    writeFile(proc.root / "301/status", "Name:\tnginx\nVmRSS:\t   10240 kB\nThreads:\t1\n");
    const auto meter = processTarget({301, 300}, proc.root);

    writeFile(proc.root / "300/stat", statLine(300, "nginx: master", 110, 50));
    writeFile(proc.root / "301/stat", statLine(301, "nginx: worker", 1100, 540));
    ResourceSample s;
    meter->measure(s, 2.0);
    CHECK(s.target == TargetPlacement::SeparateProcess);
    CHECK(s.targetPid == 300);
    REQUIRE(s.targetCpuPercent);
    CHECK(*s.targetCpuPercent == Approx(percentOfTicks(150, 2.0)));
    CHECK(s.targetRssBytes == 12288ULL * 1024);

    SECTION("a process that exits leaves the sum, and with none left the figures are absent") {
        writeFile(proc.root / "301/stat", ""); // what a kept-open /proc file reads after its process exits
        ResourceSample one;
        meter->measure(one, 2.0);
        CHECK(*one.targetCpuPercent == 0);
        CHECK(one.targetRssBytes == 2048ULL * 1024);
        writeFile(proc.root / "300/stat", "");
        ResourceSample none;
        meter->measure(none, 2.0);
        CHECK(none.target == TargetPlacement::SeparateProcess);
        CHECK_FALSE(none.targetCpuPercent);
        CHECK_FALSE(none.targetRssBytes);
        writeFile(proc.root / "300/stat", statLine(300, "reused pid", 5, 5));
        ResourceSample later;
        meter->measure(later, 2.0);
        CHECK_FALSE(later.targetCpuPercent);
    }
}

TEST_CASE("a loopback target nobody listens on is a separate process that is not measured") {
    ResourceSample s;
    processTarget({})->measure(s, 1.0);
    CHECK(s.target == TargetPlacement::SeparateProcess);
    CHECK(s.targetPid == 0);
    CHECK_FALSE(s.targetCpuPercent);
    ResourceSample remote;
    remoteTarget()->measure(remote, 1.0);
    CHECK(remote.target == TargetPlacement::Remote);
    CHECK_FALSE(remote.targetCpuPercent);
}

TEST_CASE(
    "a hosted engine's CPU is the time on a CPU of this process's threads named after the engine server") {
    ProcFixture proc;
    proc.thread(11, "perflab-engine", 100'000'000, 5'000'000);
    proc.thread(12, "perflab-engine", 300'000'000, 0);
    proc.thread(13, "perflab-load", 500'000'000, 0);
    const auto meter = threadTarget("perflab-engine", proc.root);
    proc.thread(11, "perflab-engine", 400'000'000, 9'000'000);
    proc.thread(12, "perflab-engine", 350'000'000, 0);
    proc.thread(13, "perflab-load", 900'000'000, 0);
    proc.thread(14, "perflab-engine", 50'000'000, 0); // started since
    ResourceSample s;
    meter->measure(s, 4.0);
    CHECK(s.target == TargetPlacement::SameProcess);
    REQUIRE(s.targetCpuPercent);
    CHECK(*s.targetCpuPercent == Approx(100.0 * 0.4 / 4.0));
    CHECK_FALSE(s.targetRssBytes); // one process: its memory is not split

    SECTION("without such threads the target is not measured") {
        ProcFixture empty;
        empty.thread(13, "perflab-load", 900, 0);
        ResourceSample none;
        threadTarget("perflab-engine", empty.root)->measure(none, 4.0);
        CHECK(none.target == TargetPlacement::SameProcess);
        CHECK_FALSE(none.targetCpuPercent);
    }
}

TEST_CASE("a target inside the run process is split off the process's CPU, never past it") {
    // A meter standing for the engine's threads: it reports what the test sets.
    struct SetShare final : TargetMeter {
        double& percent;
        explicit SetShare(double& p)
            : percent(p) {}
        void measure(ResourceSample& sample, double) override {
            sample.target = TargetPlacement::SameProcess;
            sample.targetCpuPercent = percent;
        }
    };
    // The fixture /proc of resource_sampler_test: the process's CPU comes from its CPU clock.
    ProcFixture proc;
    writeFile(proc.root / "self/statm", "50000 25600 1000 100 0 20000 0\n");
    writeFile(proc.root / "stat", "cpu  100 0 100 800 0 0 0 0 0 0\n");
    writeFile(proc.root / "meminfo", "MemTotal:       1000000 kB\nMemAvailable:    750000 kB\n");
    double enginePercent = 0;
    ResourceSampler sampler(proc.root, proc.root / "cgroup", std::make_unique<SetShare>(enginePercent));
    const auto spin = [] {
        const auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(30);
        volatile unsigned long spins = 0;
        while (std::chrono::steady_clock::now() < until)
            spins = spins + 1;
    };
    spin();
    const ResourceSample none = sampler.sample();
    CHECK(none.target == TargetPlacement::SameProcess);
    CHECK(none.targetCpuPercent == 0);
    CHECK(none.generatorCpuPercent == Approx(none.processCpuPercent));

    spin();
    enginePercent = 1e-3; // a sliver of the process's CPU
    const ResourceSample some = sampler.sample();
    REQUIRE(some.targetCpuPercent);
    REQUIRE(some.generatorCpuPercent);
    CHECK(*some.targetCpuPercent > 0);
    CHECK(*some.targetCpuPercent + *some.generatorCpuPercent == Approx(some.processCpuPercent));

    spin();
    enginePercent = 1e6; // past what the process can have spent
    const ResourceSample capped = sampler.sample();
    CHECK(capped.targetCpuPercent == Approx(capped.processCpuPercent));
    CHECK(capped.generatorCpuPercent == 0);
}

TEST_CASE("a real process listening on 127.0.0.1 is found and measured until it exits") {
    int ready[2];
    REQUIRE(::pipe(ready) == 0);
    const pid_t child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        // A server that listens and spins: it uses CPU and memory of its own.
        const int listener = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t length = sizeof address;
        if (listener < 0 || ::bind(listener, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
            ::listen(listener, 1) != 0 ||
            ::getsockname(listener, reinterpret_cast<sockaddr*>(&address), &length) != 0)
            ::_exit(1);
        const std::uint16_t port = ntohs(address.sin_port);
        if (::write(ready[1], &port, sizeof port) != sizeof port)
            ::_exit(1);
        volatile unsigned long spins = 0;
        for (;;)
            spins = spins + 1;
    }
    ::close(ready[1]);
    std::uint16_t port = 0;
    const bool started = ::read(ready[0], &port, sizeof port) == sizeof port;
    ::close(ready[0]);
    const auto stop = [child] {
        ::kill(child, SIGKILL);
        ::waitpid(child, nullptr, 0);
    };
    if (!started)
        stop();
    REQUIRE(started);

    const std::vector<pid_t> found = listeningProcesses(port);
    CHECK(found == std::vector<pid_t>{child});
    const auto meter = processTarget(found);
    ResourceSample s;
    // The child spins on a core: CPU ticks show up within a few of the kernel's 10 ms ticks.
    for (int attempt = 0; attempt < 100 && !(s.targetCpuPercent > 0.0); ++attempt) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        meter->measure(s, 0.05);
    }
    CHECK(s.targetPid == child);
    CHECK(s.targetCpuPercent > 0.0);
    CHECK(s.targetRssBytes > 0ULL);

    stop();
    ResourceSample gone;
    meter->measure(gone, 1.0);
    CHECK_FALSE(gone.targetCpuPercent);
    CHECK_FALSE(gone.targetRssBytes);
}
