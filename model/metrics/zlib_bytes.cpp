// zlib compression of byte buffers: compress2 in one go, inflate in chunks with a size cap.
#include "model/metrics/zlib_bytes.h"

#include <zlib.h>

#include <array>
#include <stdexcept>
#include <string>

namespace perflab {

namespace {

[[noreturn]] void fail(const std::string& what) {
    throw std::runtime_error("zlib: " + what);
}

} // namespace

void deflateBytes(std::span<const std::uint8_t> bytes, std::vector<std::uint8_t>& out) {
    const std::size_t start = out.size();
    uLongf length = compressBound(static_cast<uLong>(bytes.size()));
    out.resize(start + length);
    const int rc = compress2(out.data() + start, &length, bytes.data(), static_cast<uLong>(bytes.size()),
                             Z_DEFAULT_COMPRESSION);
    if (rc != Z_OK)
        fail("compress2 failed with " + std::to_string(rc));
    out.resize(start + length);
}

std::vector<std::uint8_t> inflateBytes(std::span<const std::uint8_t> compressed, std::size_t maxBytes,
                                       const char* whatItHolds) {
    z_stream zs{};
    if (inflateInit(&zs) != Z_OK)
        fail("inflateInit failed");
    zs.next_in = const_cast<Bytef*>(compressed.data()); // zlib's API is not const-correct; it only reads
    zs.avail_in = static_cast<uInt>(compressed.size());
    std::array<std::uint8_t, 16384> chunk;
    std::vector<std::uint8_t> out;
    int rc = Z_OK;
    while (rc == Z_OK) {
        if (out.size() >= maxBytes) {
            inflateEnd(&zs);
            // A larger payload is corrupt or hostile.
            fail("payload inflates past " + std::to_string(maxBytes >> 20) + " MiB, more than any " +
                 whatItHolds + " holds");
        }
        zs.next_out = chunk.data();
        zs.avail_out = static_cast<uInt>(chunk.size());
        rc = inflate(&zs, Z_NO_FLUSH);
        out.insert(out.end(), chunk.begin(), chunk.end() - zs.avail_out);
    }
    const std::string message = zs.msg ? zs.msg : "";
    inflateEnd(&zs);
    if (rc == Z_BUF_ERROR)
        fail("truncated compressed payload");
    if (rc != Z_STREAM_END)
        fail(message.empty() ? "error " + std::to_string(rc) : message);
    return out;
}

} // namespace perflab
