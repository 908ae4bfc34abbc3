// Counts sampled stacks per thread as they are drained, symbolized on arrival (each address once), and
// turns what was counted into a Profile slice.
#pragma once

#include "collectors/profiler/symbolizer.h"
#include "model/profile/profile.h"

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <sys/types.h>
#include <unordered_map>
#include <vector>

namespace perflab::profiling {

class StackAggregator {
public:
    explicit StackAggregator(std::vector<std::string> engines);

    void add(pid_t tid, std::span<const std::uint64_t> leafFirst, std::uint32_t periods);
    // The stacks added since the previous call, root first, tagged with nameOf(tid) and their engine.
    Profile take(const std::function<std::string(pid_t)>& nameOf);

private:
    struct Key {
        pid_t tid = 0;
        std::vector<std::uint32_t> frames; // symbolizer frame ids, root first
        bool operator==(const Key&) const = default;
    };
    struct KeyHash {
        std::size_t operator()(const Key& key) const noexcept;
    };
    struct Count {
        std::uint64_t samples = 0;
        std::string_view engine;
    };
    std::string_view engineOf(const std::vector<std::uint32_t>& rootFirst);

    std::vector<std::string> m_engines;
    Symbolizer m_symbolizer;
    std::vector<int> m_engineOfFrame; // index into m_engines, -1 none, -2 not yet known
    std::unordered_map<Key, Count, KeyHash> m_counts;
    Key m_scratch;
};

} // namespace perflab::profiling
