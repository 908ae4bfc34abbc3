// HdrHistogram V2 encoding of Histogram: big-endian header, ZigZag LEB128 counts, zlib-compressed wrapper.
#include "model/metrics/histogram.h"
#include "model/metrics/zlib_bytes.h"

#include <algorithm>
#include <bit>
#include <cstdio>
#include <stdexcept>
#include <string>

namespace perflab {

namespace {

// The low nibble of the second byte carries the word size; 0x10 marks LEB128-64b9B + ZigZag, which is
// what HdrHistogram writes (hence the familiar "HISTFAAA" prefix of base64 .hlog lines).
constexpr std::uint32_t kCookieMask = 0xffffff0f;
constexpr std::uint32_t kV2Cookie = 0x1c849303;
constexpr std::uint32_t kV2CompressedCookie = 0x1c849304;
constexpr std::uint32_t kWordSizeFlag = 0x10;
constexpr std::size_t kHeaderBytes = 40;

[[noreturn]] void fail(const std::string& what) {
    throw std::runtime_error("histogram: " + what);
}

std::string hex(std::uint32_t v) {
    char text[16];
    std::snprintf(text, sizeof text, "0x%08x", v);
    return text;
}

void putBigEndian(std::vector<std::uint8_t>& out, std::uint64_t v, int bytes) {
    for (int shift = 8 * (bytes - 1); shift >= 0; shift -= 8)
        out.push_back(static_cast<std::uint8_t>(v >> shift));
}

// LEB128 limited to 9 bytes: the ninth carries a full 8 bits, so 64-bit values never need a tenth.
void putZigZag(std::vector<std::uint8_t>& out, std::int64_t value) {
    auto v = (static_cast<std::uint64_t>(value) << 1) ^ static_cast<std::uint64_t>(value >> 63);
    for (int i = 0; i < 8; ++i) {
        if (v < 0x80) {
            out.push_back(static_cast<std::uint8_t>(v));
            return;
        }
        out.push_back(static_cast<std::uint8_t>((v & 0x7f) | 0x80));
        v >>= 7;
    }
    out.push_back(static_cast<std::uint8_t>(v));
}

class Reader {
public:
    explicit Reader(std::span<const std::uint8_t> bytes)
        : m_bytes(bytes) {}
    std::size_t remaining() const noexcept { return m_bytes.size() - m_pos; }

    std::uint64_t bigEndian(int bytes, const char* field) {
        if (remaining() < static_cast<std::size_t>(bytes))
            fail(std::string("truncated: input ends inside the ") + field + " field");
        std::uint64_t v = 0;
        for (int i = 0; i < bytes; ++i)
            v = (v << 8) | m_bytes[m_pos++];
        return v;
    }

    std::int64_t zigZag() {
        std::uint64_t v = 0;
        for (int i = 0; i < 9; ++i) {
            if (remaining() == 0)
                fail("truncated: input ends inside a count");
            const std::uint8_t byte = m_bytes[m_pos++];
            if (i == 8) {
                v |= std::uint64_t{byte} << 56;
                break;
            }
            v |= std::uint64_t{byte & 0x7fu} << (7 * i);
            if ((byte & 0x80) == 0)
                break;
        }
        return static_cast<std::int64_t>(v >> 1) ^ -static_cast<std::int64_t>(v & 1);
    }

private:
    std::span<const std::uint8_t> m_bytes;
    std::size_t m_pos = 0;
};

} // namespace

std::vector<std::uint8_t> Histogram::encode() const {
    std::vector<std::uint8_t> payload;
    payload.reserve(kHeaderBytes + 64);
    putBigEndian(payload, kV2Cookie | kWordSizeFlag, 4);
    putBigEndian(payload, 0, 4); // payload length, patched below
    putBigEndian(payload, 0, 4); // normalizingIndexOffset
    putBigEndian(payload, static_cast<std::uint32_t>(m_significantDigits), 4);
    putBigEndian(payload, static_cast<std::uint64_t>(m_lowest), 8);
    putBigEndian(payload, static_cast<std::uint64_t>(m_highest), 8);
    putBigEndian(payload, std::bit_cast<std::uint64_t>(1.0), 8); // integerToDoubleValueConversionRatio

    // Counts up to the slot of the highest value; a run of two or more zeros is written as -run.
    const std::size_t limit = indexOf(m_maxValue) + 1;
    for (std::size_t i = 0; i < limit;) {
        const std::uint64_t count = m_counts[i++];
        std::int64_t zeros = 0;
        if (count == 0)
            for (zeros = 1; i < limit && m_counts[i] == 0; ++i)
                ++zeros;
        putZigZag(payload, zeros > 1 ? -zeros : static_cast<std::int64_t>(count));
    }
    const auto payloadLength = static_cast<std::uint32_t>(payload.size() - kHeaderBytes);
    for (int b = 0; b < 4; ++b)
        payload[4 + b] = static_cast<std::uint8_t>(payloadLength >> (24 - 8 * b));

    std::vector<std::uint8_t> out(8);
    try {
        deflateBytes(payload, out);
    } catch (const std::runtime_error& error) {
        fail(error.what());
    }
    const auto compressedLength = static_cast<std::uint32_t>(out.size() - 8);
    for (int b = 0; b < 4; ++b) {
        out[b] = static_cast<std::uint8_t>((kV2CompressedCookie | kWordSizeFlag) >> (24 - 8 * b));
        out[4 + b] = static_cast<std::uint8_t>(compressedLength >> (24 - 8 * b));
    }
    return out;
}

Histogram Histogram::decode(std::span<const std::uint8_t> bytes) {
    Reader reader(bytes);
    const auto cookie = static_cast<std::uint32_t>(reader.bigEndian(4, "cookie"));
    if ((cookie & kCookieMask) == kV2Cookie)
        return decodePlain(bytes);
    if ((cookie & kCookieMask) != kV2CompressedCookie)
        fail("bad cookie " + hex(cookie) + " (expected a V2 histogram, " +
             hex(kV2CompressedCookie | kWordSizeFlag) + " compressed or " + hex(kV2Cookie | kWordSizeFlag) +
             " plain)");
    const std::uint64_t length = reader.bigEndian(4, "compressed length");
    if (length > reader.remaining())
        fail("truncated: compressed payload is " + std::to_string(length) + " bytes but only " +
             std::to_string(reader.remaining()) + " follow");
    if (length < reader.remaining())
        fail(std::to_string(reader.remaining() - length) + " unexpected bytes after the compressed payload");
    std::vector<std::uint8_t> payload;
    try {
        // A histogram's counts inflate to a few MB at most.
        payload = inflateBytes(bytes.subspan(8), std::size_t{64} << 20, "histogram");
    } catch (const std::runtime_error& error) {
        fail(error.what());
    }
    return decodePlain(payload);
}

Histogram Histogram::decodePlain(std::span<const std::uint8_t> bytes) {
    Reader reader(bytes);
    const auto cookie = static_cast<std::uint32_t>(reader.bigEndian(4, "cookie"));
    if ((cookie & kCookieMask) != kV2Cookie)
        fail("bad cookie " + hex(cookie) + " inside the compressed payload (expected " +
             hex(kV2Cookie | kWordSizeFlag) + ")");
    const std::uint64_t payloadLength = reader.bigEndian(4, "payload length");
    if (reader.bigEndian(4, "normalizing index offset") != 0)
        fail("normalizing index offset other than 0 is not supported");
    const auto digits = static_cast<std::int32_t>(reader.bigEndian(4, "significant digits"));
    const auto lowest = static_cast<std::int64_t>(reader.bigEndian(8, "lowest trackable value"));
    const auto highest = static_cast<std::int64_t>(reader.bigEndian(8, "highest trackable value"));
    reader.bigEndian(8, "conversion ratio"); // only DoubleHistogram uses it
    if (payloadLength > reader.remaining())
        fail("truncated: header announces " + std::to_string(payloadLength) + " bytes of counts, " +
             std::to_string(reader.remaining()) + " present");
    if (payloadLength < reader.remaining())
        fail(std::to_string(reader.remaining() - payloadLength) + " unexpected bytes after the counts");

    Histogram histogram = [&] {
        try {
            return Histogram(lowest, highest, digits);
        } catch (const std::invalid_argument& e) {
            fail(std::string("header describes no valid layout: ") + e.what());
        }
    }();
    std::vector<std::uint64_t>& counts = histogram.m_counts;
    std::size_t index = 0;
    while (reader.remaining() > 0) {
        const std::int64_t count = reader.zigZag();
        const std::uint64_t slots = count < 0 ? static_cast<std::uint64_t>(-(count + 1)) + 1 : 1;
        if (slots > counts.size() - index)
            fail("counts run past the " + std::to_string(counts.size()) + " slots of the layout");
        if (count < 0)
            index += slots;
        else
            counts[index++] = static_cast<std::uint64_t>(count);
    }
    histogram.recomputeTotals();
    return histogram;
}

} // namespace perflab
