// Adding request counts up.
#include "model/metrics/request_counts.h"

namespace perflab {

double RequestCounts::errorRate() const noexcept {
    return requests > 0 ? static_cast<double>(errors) / static_cast<double>(requests) : 0;
}

double RequestCounts::degradedRate() const noexcept {
    return requests > 0 ? static_cast<double>(degraded) / static_cast<double>(requests) : 0;
}

RequestCounts& RequestCounts::operator+=(const RequestCounts& other) noexcept {
    requests += other.requests;
    errors += other.errors;
    for (std::size_t kind = 0; kind < kErrorKindCount; ++kind)
        errorsByKind[kind] += other.errorsByKind[kind];
    lateSends += other.lateSends;
    droppedSends += other.droppedSends;
    degraded += other.degraded;
    return *this;
}

} // namespace perflab
