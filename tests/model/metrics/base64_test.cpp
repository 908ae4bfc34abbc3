// Base64: RFC 4648 test vectors, binary round trips and strict rejection of malformed text.
#include "model/metrics/base64.h"

#include <catch2/catch.hpp>

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

using perflab::base64Decode;
using perflab::base64Encode;

namespace {

std::vector<std::uint8_t> bytesOf(const std::string& s) {
    return {s.begin(), s.end()};
}

} // namespace

TEST_CASE("base64 encodes and decodes the RFC 4648 test vectors") {
    const std::pair<const char*, const char*> vectors[] = {
        {"", ""},
        {"f", "Zg=="},
        {"fo", "Zm8="},
        {"foo", "Zm9v"},
        {"foob", "Zm9vYg=="},
        {"fooba", "Zm9vYmE="},
        {"foobar", "Zm9vYmFy"},
    };
    for (const auto& [plain, encoded] : vectors) {
        INFO(plain);
        CHECK(base64Encode(bytesOf(plain)) == encoded);
        CHECK(base64Decode(encoded) == bytesOf(plain));
    }
}

TEST_CASE("base64 round-trips every byte value at every length remainder") {
    std::vector<std::uint8_t> all;
    for (int i = 0; i < 256; ++i)
        all.push_back(static_cast<std::uint8_t>(255 - i));
    for (std::size_t n : {254u, 255u, 256u}) {
        const std::vector<std::uint8_t> bytes(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(n));
        const std::string text = base64Encode(bytes);
        CHECK(text.size() % 4 == 0);
        CHECK(base64Decode(text) == bytes);
    }
    CHECK(base64Encode(std::vector<std::uint8_t>{0xfb, 0xff}) == "+/8="); // the two non-alphanumeric digits
}

TEST_CASE("base64 rejects malformed text naming the problem") {
    CHECK_THROWS_AS(base64Decode("Zm9"), std::invalid_argument);
    CHECK_THROWS_WITH(base64Decode("Zm9"), Catch::Contains("not a multiple of 4"));
    CHECK_THROWS_WITH(base64Decode("Zm9v!A=="), Catch::Contains("invalid character at position 4"));
    CHECK_THROWS_WITH(base64Decode("Zm=vYg=="), Catch::Contains("padding"));
    CHECK_THROWS_WITH(base64Decode("Z==="), Catch::Contains("padding"));
    CHECK_THROWS_WITH(base64Decode("Zm9v\nYg="), Catch::Contains("invalid character"));
}
