// Tests of model/metrics/request_counts.h: counts of seconds add up to the counts of their run.
#include "model/metrics/request_counts.h"

#include <catch2/catch.hpp>

using namespace perflab;

namespace {

RequestCounts countsOf(std::uint64_t requests, ErrorKind failure, std::uint64_t failures, std::uint64_t late,
                       std::uint64_t dropped) {
    RequestCounts counts{.requests = requests, .lateSends = late, .droppedSends = dropped};
    for (std::uint64_t i = 0; i < failures; ++i)
        counts.addError(failure);
    return counts;
}

} // namespace

TEST_CASE("request counts add up field by field, errors kept apart by kind") {
    RequestCounts total = countsOf(100, ErrorKind::Timeout, 3, 2, 0);
    total += countsOf(50, ErrorKind::Status5xx, 4, 1, 7);
    total += countsOf(10, ErrorKind::Timeout, 1, 0, 0);
    CHECK(total.requests == 160);
    CHECK(total.errors == 8);
    CHECK(total.errorsOf(ErrorKind::Timeout) == 4);
    CHECK(total.errorsOf(ErrorKind::Status5xx) == 4);
    CHECK(total.errorsOf(ErrorKind::Connect) == 0);
    CHECK(total.lateSends == 3);
    CHECK(total.droppedSends == 7);
    RequestCounts sameTotals = countsOf(100, ErrorKind::Timeout, 4, 3, 0);
    sameTotals += countsOf(60, ErrorKind::Status5xx, 4, 0, 7);
    CHECK(total == sameTotals);
    CHECK_FALSE(total == countsOf(160, ErrorKind::Timeout, 8, 3, 7));
}

TEST_CASE("the error rate is errors over requests, and no requests make no error rate") {
    CHECK(countsOf(200, ErrorKind::Io, 5, 0, 0).errorRate() == Approx(0.025));
    CHECK(countsOf(0, ErrorKind::Connect, 0, 0, 12).errorRate() == 0);
}
