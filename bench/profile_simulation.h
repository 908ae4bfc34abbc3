// Simulated profiles for the benchmarks: one-second slices of a busy engine (2 threads at 999 Hz) whose
// samples walk down a call graph of C++-sized names, a few hot paths and a long tail.
#pragma once

#include "model/profile/profile.h"

#include <algorithm>
#include <cstdint>
#include <map>
#include <random>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace perflab::bench {

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

// `seconds` of samples of two threads at 999 Hz.
inline Profile simulatedSlice(const CallGraph& graph, std::mt19937_64& random, int seconds) {
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

} // namespace perflab::bench
