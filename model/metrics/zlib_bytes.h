// zlib (RFC 1950) compression of byte buffers, shared by the histogram encoding and stored profile slices.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace perflab {

// Appends the zlib stream of `bytes` to `out`; throws std::runtime_error("zlib: ...") on failure.
void deflateBytes(std::span<const std::uint8_t> bytes, std::vector<std::uint8_t>& out);
// The bytes of a zlib stream; a truncated or corrupt stream, or one inflating past maxBytes, throws
// std::runtime_error("zlib: ...") saying which.
std::vector<std::uint8_t> inflateBytes(std::span<const std::uint8_t> compressed, std::size_t maxBytes,
                                       const char* whatItHolds);

} // namespace perflab
