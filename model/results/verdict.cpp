// The evidence a verdict needs, said in the words the summary, the app and the report show.
#include "model/results/verdict.h"

#include "model/format/figure_format.h"

#include <algorithm>
#include <array>
#include <numeric>

namespace perflab {

namespace {

// Kinds whose requests got no HTTP (or engine) answer at all.
bool isUnanswered(ErrorKind kind) noexcept {
    return kind == ErrorKind::Connect || kind == ErrorKind::Timeout || kind == ErrorKind::Io;
}

} // namespace

std::string describeErrorKinds(const RequestCounts& counts) {
    std::array<std::size_t, kErrorKindCount> order{};
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return counts.errorsByKind[a] > counts.errorsByKind[b];
    });
    std::string out;
    for (std::size_t kind : order)
        if (counts.errorsByKind[kind] > 0)
            out += (out.empty() ? "" : ", ") + formatCount(counts.errorsByKind[kind]) + " " +
                   std::string(toString(static_cast<ErrorKind>(kind)));
    return out;
}

std::string insufficientEvidence(const RequestCounts& counts, std::uint64_t minSuccessful) {
    if (counts.requests == 0)
        return "no request completed: there is nothing to judge";
    const std::uint64_t successes = counts.successes();
    if (successes == 0 && counts.errors == 0)
        return "no request succeeded: all " + formatCount(counts.requests) +
               " were answered degraded, from a fallback";
    if (successes == 0) {
        std::uint64_t unanswered = 0;
        for (std::size_t kind = 0; kind < kErrorKindCount; ++kind)
            if (isUnanswered(static_cast<ErrorKind>(kind)))
                unanswered += counts.errorsByKind[kind];
        return std::string(unanswered == counts.requests ? "the target never answered"
                                                         : "no request succeeded") +
               (counts.degraded == 0 ? ": all " + formatCount(counts.requests) + " requests failed ("
                                     : ": none of " + formatCount(counts.requests) + " requests succeeded (" +
                                           formatCount(counts.degraded) + " degraded, ") +
               describeErrorKinds(counts) + ")";
    }
    if (successes < minSuccessful)
        return "only " + formatCount(successes) + " requests succeeded; a verdict needs at least " +
               formatCount(minSuccessful) + " (slo.min_successful_requests)";
    return {};
}

} // namespace perflab
