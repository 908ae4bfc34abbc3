// How many requests a stretch of a run completed, how many failed and why, and the open model's late and
// dropped sends: one value that seconds, rollups, totals and summaries hold and add up with +=.
#pragma once

#include "model/format/enum_names.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace perflab {

enum class ErrorKind : std::uint8_t { Connect, Timeout, Io, Status4xx, Status5xx, Protocol, Engine };
inline constexpr std::size_t kErrorKindCount = 7;
template <> struct EnumNames<ErrorKind> {
    static constexpr std::string_view what = "error kind";
    static constexpr std::string_view names[kErrorKindCount] = {"connect",  "timeout",  "io",    "http_4xx",
                                                                "http_5xx", "protocol", "engine"};
};

struct RequestCounts {
    std::uint64_t requests = 0; // completed: successful, failed or degraded
    std::uint64_t errors = 0;
    std::array<std::uint64_t, kErrorKindCount> errorsByKind{};
    std::uint64_t lateSends = 0;    // open model: sent after their intended time
    std::uint64_t droppedSends = 0; // open model: never sent (no free virtual user)
    // Answered from a fallback (the last good answer) because a dependency was down: neither a success nor an
    // error. They count as attempted (in requests) but not in throughput or the latency percentiles.
    std::uint64_t degraded = 0;

    // Requests answered from the source without an error: what throughput counts.
    std::uint64_t successes() const noexcept { return requests - errors - degraded; }
    std::uint64_t errorsOf(ErrorKind kind) const noexcept {
        return errorsByKind[static_cast<std::size_t>(kind)];
    }
    // Counts one failed request's error (the request itself is counted apart, with its latency); inline, as
    // the load workers' hot path calls it.
    void addError(ErrorKind kind) noexcept {
        ++errors;
        ++errorsByKind[static_cast<std::size_t>(kind)];
    }
    // errors / requests and degraded / requests; 0 without requests.
    double errorRate() const noexcept;
    double degradedRate() const noexcept;

    RequestCounts& operator+=(const RequestCounts& other) noexcept;
    bool operator==(const RequestCounts&) const = default;
};

} // namespace perflab
