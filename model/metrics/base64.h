// Base64 (RFC 4648, standard alphabet, with padding): how .hlog files carry encoded histograms.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace perflab {

std::string base64Encode(std::span<const std::uint8_t> bytes);
// Throws std::invalid_argument naming the offending position on characters outside the alphabet,
// misplaced padding or a length that is not a multiple of 4.
std::vector<std::uint8_t> base64Decode(std::string_view text);

} // namespace perflab
