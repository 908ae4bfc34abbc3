// HdrHistogram V2 encoding: round trips, the exact byte layout, reference blobs and rejection of bad bytes.
#include "model/metrics/base64.h"
#include "model/metrics/histogram.h"

#include <catch2/catch.hpp>
#include <zlib.h>

#include <algorithm>
#include <cstdint>
#include <random>
#include <stdexcept>
#include <vector>

using perflab::Histogram;
using Bytes = std::vector<std::uint8_t>;

namespace {

// The V2 payload inside the compressed wrapper, checked against the wrapper's own header.
Bytes inflatePayload(const Bytes& encoded) {
    REQUIRE(encoded.size() > 8);
    const std::uint32_t length = (std::uint32_t{encoded[4]} << 24) | (std::uint32_t{encoded[5]} << 16) |
                                 (std::uint32_t{encoded[6]} << 8) | encoded[7];
    REQUIRE(length == encoded.size() - 8);
    Bytes out(1 << 20);
    uLongf outLength = out.size();
    REQUIRE(uncompress(out.data(), &outLength, encoded.data() + 8, length) == Z_OK);
    out.resize(outLength);
    return out;
}

Bytes fromBase64(const char* text) {
    return perflab::base64Decode(text);
}

void requireSameHistogram(const Histogram& a, const Histogram& b) {
    REQUIRE(a.lowest() == b.lowest());
    REQUIRE(a.highest() == b.highest());
    REQUIRE(a.significantDigits() == b.significantDigits());
    REQUIRE(a.count() == b.count());
    CHECK(a.min() == b.min());
    CHECK(a.max() == b.max());
    CHECK(a.mean() == b.mean());
    for (double p : {0.0, 1.0, 25.0, 50.0, 90.0, 99.0, 99.9, 99.99, 100.0})
        CHECK(a.percentile(p) == b.percentile(p));
    CHECK(a.encode() == b.encode()); // every count up to the maximum
}

// record(1) and record(5, 100) in the default layout, encoded by hand from the V2 specification.
const Bytes kTinyPayload = {
    0x1c, 0x84, 0x93, 0x13,                         // V2 cookie with the LEB128-64b9B word-size flag
    0x00, 0x00, 0x00, 0x05,                         // 5 bytes of counts follow the 40-byte header
    0x00, 0x00, 0x00, 0x00,                         // normalizing index offset
    0x00, 0x00, 0x00, 0x03,                         // significant digits
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, // lowest trackable value: 1 µs
    0x00, 0x00, 0x00, 0x00, 0xd6, 0x93, 0xa4, 0x00, // highest trackable value: 3.6e9 µs
    0x3f, 0xf0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // integer-to-double ratio 1.0
    0x00,                                           // slot 0 (value 0): a single zero is written as 0
    0x02,                                           // slot 1: count 1, ZigZag 2
    0x05,                                           // slots 2..4: a run of three zeros, -3, ZigZag 5
    0xc8, 0x01,                                     // slot 5: count 100, ZigZag 200 in two LEB128 bytes
};

} // namespace

TEST_CASE("the encoding of a tiny histogram matches the V2 byte layout decoded by hand") {
    Histogram h;
    h.record(1);
    h.record(5, 100);
    const Bytes encoded = h.encode();
    CHECK(Bytes(encoded.begin(), encoded.begin() + 4) == Bytes{0x1c, 0x84, 0x93, 0x14});
    CHECK(inflatePayload(encoded) == kTinyPayload);
    CHECK(perflab::base64Encode(encoded).rfind("HISTFAAAA", 0) == 0); // what every .hlog line starts with
}

TEST_CASE("the uncompressed V2 form decodes too") {
    const Histogram h = Histogram::decode(kTinyPayload);
    CHECK(h.count() == 101);
    CHECK(h.min() == 1);
    CHECK(h.max() == 5);
    CHECK(h.percentile(50) == 5);
}

TEST_CASE("histograms written by HdrHistogram decode to their recorded figures") {
    SECTION("one sample of 42") {
        const Bytes reference = fromBase64("HISTFAAAAB542pNpmSzMwMDAxAABzFCaEUoz2X+AMIKZAEARAtM=");
        const Histogram h = Histogram::decode(reference);
        CHECK(h.count() == 1);
        CHECK(h.mean() == 42.0);
        CHECK(h.percentile(50) == 42);
        // Re-encoding the same counts reproduces the reference payload byte for byte (42 zeros as one run).
        CHECK(inflatePayload(h.encode()) == inflatePayload(reference));
    }
    SECTION("an empty histogram of layout 20..1000, 3 digits") {
        const Bytes reference = fromBase64("HISTFAAAABl4nJNpmSzMgADMUFoEyn1h/wHCAgBDogN4");
        const Histogram h = Histogram::decode(reference);
        CHECK(h.empty());
        CHECK(h.lowest() == 20);
        CHECK(h.highest() == 1000);
        CHECK(h.significantDigits() ==
              3); // this writer leaves the counts out entirely; HdrHistogram writes one 0
    }
}

TEST_CASE("decode(encode(h)) preserves every count and the layout") {
    SECTION("100k samples from microseconds to minutes") {
        std::mt19937_64 rng(7);
        std::lognormal_distribution<double> latency(std::log(3000.0), 2.0);
        Histogram h;
        for (int i = 0; i < 100'000; ++i)
            h.record(static_cast<std::int64_t>(latency(rng)));
        requireSameHistogram(Histogram::decode(h.encode()), h);
    }
    SECTION("an empty histogram") {
        const Histogram h;
        const Histogram back = Histogram::decode(h.encode());
        CHECK(back.empty());
        requireSameHistogram(back, h);
    }
    SECTION("values near one hour") {
        Histogram h;
        h.record(1);
        h.record(3'599'999'999);
        h.record(Histogram::kHighest, 1'000'000'000'000LL); // a count needing a multi-byte varint
        const Histogram back = Histogram::decode(h.encode());
        requireSameHistogram(back, h);
        CHECK(back.max() >= Histogram::kHighest);
    }
    SECTION("a non-default layout") {
        Histogram h(1000, 1'000'000'000'000LL, 2);
        for (std::int64_t v = 1000; v < 1'000'000'000'000LL; v *= 3)
            h.record(v, static_cast<std::uint64_t>(v % 17 + 1));
        requireSameHistogram(Histogram::decode(h.encode()), h);
    }
}

TEST_CASE("decode rejects bytes that are not a V2 histogram with a clear message") {
    Histogram h;
    h.record(123);
    h.record(456'789);
    const Bytes good = h.encode();

    CHECK_THROWS_WITH(Histogram::decode(Bytes{}), Catch::Contains("histogram: truncated"));
    CHECK_THROWS_WITH(Histogram::decode(Bytes{'h', 'e', 'l', 'l', 'o', '!', '!', '!'}),
                      Catch::Contains("histogram: bad cookie 0x68656c6c"));

    Bytes shortened(good.begin(), good.end() - 3);
    CHECK_THROWS_WITH(Histogram::decode(shortened), Catch::Contains("truncated"));

    Bytes longer = good;
    longer.push_back(0);
    CHECK_THROWS_WITH(Histogram::decode(longer), Catch::Contains("unexpected bytes"));

    Bytes corrupt = good;
    for (std::size_t i = 10; i < corrupt.size(); ++i)
        corrupt[i] = 0xff;
    CHECK_THROWS_WITH(Histogram::decode(corrupt), Catch::Contains("histogram: zlib: "));

    Bytes runaway = kTinyPayload;
    runaway.resize(40);
    runaway[7] = 3;
    runaway.insert(runaway.end(), {0xff, 0xff, 0x7f}); // ZigZag of a run of 1,048,576 zeros: past the layout
    CHECK_THROWS_WITH(Histogram::decode(runaway), Catch::Contains("run past"));

    Bytes cutVarint = kTinyPayload;
    cutVarint.resize(40);
    cutVarint[7] = 1;
    cutVarint.push_back(0x80); // a continuation bit with nothing after it
    CHECK_THROWS_WITH(Histogram::decode(cutVarint), Catch::Contains("truncated"));

    Bytes badLayout = kTinyPayload;
    badLayout[15] = 9; // nine significant digits
    CHECK_THROWS_WITH(Histogram::decode(badLayout), Catch::Contains("no valid layout"));
}

TEST_CASE("a compressed payload that inflates without bound is refused, not allocated") {
    // 100 MB of zeros deflate to about 100 kB: a zlib bomb in a histogram's wrapper.
    const Bytes zeros(100u << 20, 0);
    uLongf compressedLength = compressBound(static_cast<uLong>(zeros.size()));
    Bytes bomb(8 + compressedLength);
    REQUIRE(compress(bomb.data() + 8, &compressedLength, zeros.data(), static_cast<uLong>(zeros.size())) ==
            Z_OK);
    bomb.resize(8 + compressedLength);
    const Bytes cookie = Histogram().encode(); // the compressed cookie of this build's word size
    std::copy(cookie.begin(), cookie.begin() + 4, bomb.begin());
    for (int i = 0; i < 4; ++i)
        bomb[4 + static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(compressedLength >> (24 - 8 * i));
    CHECK_THROWS_WITH(Histogram::decode(bomb), Catch::Contains("inflates past 64 MiB"));
}
