// The engine executor: named threads that run the calls posted to them, and finish them before it goes.
#include "collectors/resources/process_threads.h"
#include "engines/engine_executor.h"

#include <catch2/catch.hpp>

#include <boost/asio/post.hpp>

#include <pthread.h>

#include <algorithm>
#include <atomic>
#include <chrono>

using namespace perflab;

namespace {

std::size_t engineThreads() {
    const auto tids = profiling::threadsOfThisProcess();
    return static_cast<std::size_t>(std::count_if(tids.begin(), tids.end(), [](pid_t tid) {
        return profiling::threadName(tid) == profiling::kEngineThreadName;
    }));
}

// Threads name themselves as they start: wait for `count` of them (or 5 s).
std::size_t engineThreadsOnceNamed(std::size_t count) {
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (engineThreads() < count && std::chrono::steady_clock::now() < until)
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    return engineThreads();
}

} // namespace

TEST_CASE("the engine executor runs calls on threads named as the engine's, one per core by default") {
    {
        engines::EngineExecutor executor;
        CHECK(executor.threads() == engines::defaultEngineThreads());
        CHECK(engineThreadsOnceNamed(executor.threads()) == executor.threads());
        std::atomic<bool> onEngineThread = false;
        std::atomic<bool> ran = false;
        boost::asio::post(executor.executor(), [&] {
            char name[16] = {};
            ::pthread_getname_np(::pthread_self(), name, sizeof name);
            onEngineThread = std::string(name) == profiling::kEngineThreadName;
            ran = true;
        });
        const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(5);
        while (!ran && std::chrono::steady_clock::now() < until)
            std::this_thread::yield();
        CHECK(onEngineThread);
    }
    CHECK(engineThreads() == 0);
}

TEST_CASE("an engine executor going away first runs every call still queued") {
    std::atomic<int> calls = 0;
    {
        engines::EngineExecutor executor(1);
        for (int i = 0; i < 50; ++i)
            boost::asio::post(executor.executor(), [&calls] {
                std::this_thread::sleep_for(std::chrono::microseconds(200));
                ++calls;
            });
    }
    CHECK(calls == 50);
}
