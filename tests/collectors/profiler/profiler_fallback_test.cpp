// Where the kernel refuses perf_event_open (here: a seccomp filter answering EACCES, as
// perf_event_paranoid 3 would), the profiler falls back to signal timers, and forcing perf is an error.
// Its own executable: the filter stays on the test thread for the rest of the process.
#include "collectors/profiler/perf_event_source.h"
#include "collectors/profiler/profiler.h"

#include "tests/collectors/profiler_fixture.h"

#include <catch2/catch.hpp>

#include <cerrno>
#include <cstddef>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <sys/prctl.h>
#include <sys/syscall.h>

using perflab::Profiler;
using perflab::ProfilerMechanism;
using namespace profiler_test;

namespace {

// Threads started by this one afterwards (the profiler's drain thread) inherit the filter.
void refusePerfEventOpen() {
    sock_filter filter[] = {
        BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(seccomp_data, nr)),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_perf_event_open, 0, 1),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | (EACCES & SECCOMP_RET_DATA)),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
    };
    const sock_fprog program{.len = static_cast<unsigned short>(std::size(filter)), .filter = filter};
    REQUIRE(::prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == 0);
    REQUIRE(::prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &program) == 0);
}

} // namespace

TEST_CASE("the profiler falls back to signal timers when perf_event_open is refused") {
    refusePerfEventOpen();
    Spinner spinner("spinner");
    Profiler profiler({.hz = 999, .mechanism = ProfilerMechanism::Automatic, .engines = {}});
    CHECK(profiler.mechanism() == "signal-timer");
    spinner.runFor(0.3);
    spinner.stop();
    profiler.stop();
    CHECK(samplesThrough(profiler.takeSlice(), kSpinFrame, "spinner") >= 200);
}

TEST_CASE("forcing the perf_event profiler where perf_event_open is refused is an error saying so") {
    refusePerfEventOpen();
    try {
        Profiler profiler({.hz = 999, .mechanism = ProfilerMechanism::PerfEvent, .engines = {}});
        FAIL("the profiler started with mechanism " << profiler.mechanism());
    } catch (const perflab::profiling::SamplingRefused& e) {
        CHECK_THAT(e.what(),
                   Catch::Contains("perf_event_open refused") && Catch::Contains("Permission denied"));
    }
}
