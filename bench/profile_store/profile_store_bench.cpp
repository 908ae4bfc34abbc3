// bench/profile_store: one-second profile slices of a busy engine (2 threads at 999 Hz) written into a real
// store; bytes per slice against the same slices kept as zlib-compressed folded text, and read times.
#include "bench/bench_timing.h"
#include "model/folded_stacks.h"
#include "model/run_store.h"
#include "model/zlib_bytes.h"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <random>
#include <sstream>
#include <string>
#include <unistd.h>
#include <vector>

using namespace perflab;
using namespace perflab::bench;

namespace {

// A call tree of C++-sized names (namespaces, templates, arguments) that samples walk down, preferring
// earlier children (a few hot paths, a long tail).
class CallGraph {
public:
    // hotChild: the chance that a call goes to a function's first callee (higher: fewer distinct stacks).
    CallGraph(std::mt19937_64& random, double hotChild)
        : m_hotChild(hotChild) {
        const char* spaces[] = {"perflab::engines::knowledge", "perflab::load", "boost::asio::detail",
                                "std::__detail", "perflab::engines::knowledge::planner"};
        const char* verbs[] = {"execute", "scan",         "join",       "probe",
                               "lookup",  "estimate",     "operator()", "do_complete",
                               "run_one", "emplace_back", "hash_bytes", "compare"};
        for (int i = 0; i < 900; ++i)
            m_names.push_back(std::string(spaces[i % 5]) + "::Component" + std::to_string(i / 5) +
                              "<std::basic_string_view<char>>::" + verbs[i % 12] + "(" +
                              (i % 3 ? "Request const&" : "std::span<Fact const>, unsigned long") + ")");
        m_children.resize(m_names.size());
        std::uniform_int_distribution<std::size_t> pick(1, m_names.size() - 1);
        for (std::size_t node = 0; node < m_names.size(); ++node)
            for (int c = 0; c < 3; ++c)
                m_children[node].push_back(pick(random));
    }

    std::vector<std::string_view> sample(std::mt19937_64& random) const {
        std::geometric_distribution<std::size_t> child(m_hotChild);
        std::vector<std::string_view> stack{"start_thread", "perflab::load::Worker::run()"};
        std::size_t node = 0;
        // Every tenth function calls nothing: stacks end there, or at 40 frames.
        while (stack.size() < 40 && (node == 0 || node % 10 != 0)) {
            node = m_children[node][std::min<std::size_t>(child(random), 2)];
            stack.push_back(m_names[node]);
        }
        return stack;
    }

private:
    double m_hotChild;
    std::vector<std::string> m_names;
    std::vector<std::vector<std::size_t>> m_children;
};

Profile slice(const CallGraph& graph, std::mt19937_64& random, int seconds) {
    std::map<std::pair<int, std::vector<std::string_view>>, std::uint64_t> counts;
    for (int thread = 0; thread < 2; ++thread)
        for (int i = 0; i < 999 * seconds; ++i)
            ++counts[{thread, graph.sample(random)}];
    Profile profile;
    for (const auto& [key, count] : counts)
        profile.addStack(std::span<const std::string_view>(key.second), count,
                         key.first ? "worker-1" : "worker-0", "knowledge");
    return profile;
}

std::uintmax_t storeBytes(const std::filesystem::path& file) {
    std::uintmax_t bytes = 0;
    for (const char* suffix : {"", "-wal"})
        if (std::filesystem::exists(file.string() + suffix))
            bytes += std::filesystem::file_size(file.string() + suffix);
    return bytes;
}

} // namespace

int main(int argc, char** argv) {
    const int seconds = argc > 1 ? std::atoi(argv[1]) : 1800;
    const int sliceSeconds = argc > 2 ? std::atoi(argv[2]) : 1;
    const int slices = seconds / sliceSeconds;
    const auto dir =
        std::filesystem::temp_directory_path() / ("perflab-profile-bench-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    const auto file = dir / "perflab.db";
    std::mt19937_64 random(72);
    const CallGraph graph(random, argc > 3 ? std::atof(argv[3]) : 0.9);

    std::uintmax_t foldedBytes = 0;
    std::size_t stacks = 0;
    std::int64_t runId = 0;
    std::uintmax_t emptyBytes = 0;
    std::vector<double> appendMs;
    {
        RunStore store(file);
        runId = store.beginRun("profiled soak", "soak", "{}", 0);
        store.flush();
        emptyBytes = storeBytes(file);
        for (int t = 0; t < slices; ++t) {
            const Profile profile = slice(graph, random, sliceSeconds);
            stacks += profile.stackCount();
            std::ostringstream folded;
            writeFoldedStacks(profile, folded);
            const std::string text = folded.str();
            std::vector<std::uint8_t> compressed;
            deflateBytes(std::span(reinterpret_cast<const std::uint8_t*>(text.data()), text.size()),
                         compressed);
            foldedBytes += compressed.size();
            const auto start = Clock::now();
            store.appendProfile(runId, std::int64_t{t} * sliceSeconds * 1000,
                                std::int64_t{t + 1} * sliceSeconds * 1000, "perf_event", profile);
            if (t % (60 / sliceSeconds) == 0)
                store.flush();
            appendMs.push_back(millisSince(start));
        }
        store.finishRun(runId, "passed", "{}", std::int64_t{seconds} * 1000);
    }
    const double storedPerSlice = double(storeBytes(file) - emptyBytes) / slices;
    const double foldedPerSlice = double(foldedBytes) / slices;

    const RunStore reader(file, RunStore::Mode::ReadOnly);
    std::vector<double> wholeMs, minuteMs;
    std::size_t wholeStacks = 0;
    for (int i = 0; i < 3; ++i) {
        auto start = Clock::now();
        wholeStacks = reader.profile(runId).stackCount();
        wholeMs.push_back(millisSince(start));
        start = Clock::now();
        reader.profile(runId, 600'000, 660'000);
        minuteMs.push_back(millisSince(start));
    }
    std::filesystem::remove_all(dir);

    std::printf("%d slices of %d s, %.0f distinct stacks each (2 threads at 999 Hz)\n", slices, sliceSeconds,
                double(stacks) / slices);
    std::printf("store growth per slice: %.0f B (72 h of such slices: %.2f GB)\n", storedPerSlice,
                storedPerSlice * 259'200 / sliceSeconds / 1e9);
    std::printf("zlib-compressed folded text per slice: %.0f B\n", foldedPerSlice);
    std::printf("appendProfile+flush median %.3f ms; whole-run read (%zu stacks) median %.0f ms; one-minute "
                "range median %.1f ms\n",
                median(appendMs), wholeStacks, median(wholeMs), median(minuteMs));
    std::printf("stored bytes per slice vs compressed folded text: %.2fx (bar: below 1)\n",
                storedPerSlice / foldedPerSlice);
}
