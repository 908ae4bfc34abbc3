// Profile slice blobs: a format byte, then zlib over LEB128 varints. Per stack: thread and engine (name id +
// 1, 0 for none), count, frames shared with the previous stack, own frame count, own frame ids.
#include "model/profile/profile_slice_codec.h"
#include "model/metrics/zlib_bytes.h"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace perflab {

namespace {

constexpr std::uint8_t kFormat = 1;
constexpr std::size_t kMaxInflatedBytes = std::size_t{256} << 20;

[[noreturn]] void fail(const std::string& what) {
    throw std::runtime_error("profile slice: " + what);
}

void putVarint(std::vector<std::uint8_t>& out, std::uint64_t value) {
    while (value >= 0x80) {
        out.push_back(static_cast<std::uint8_t>(value | 0x80));
        value >>= 7;
    }
    out.push_back(static_cast<std::uint8_t>(value));
}

class VarintReader {
public:
    explicit VarintReader(std::span<const std::uint8_t> bytes)
        : m_bytes(bytes) {}
    bool done() const { return m_pos == m_bytes.size(); }
    std::uint64_t next() {
        std::uint64_t value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (m_pos == m_bytes.size())
                fail("truncated: the data ends inside a number");
            const std::uint8_t byte = m_bytes[m_pos++];
            value |= std::uint64_t{byte & 0x7fu} << shift;
            if ((byte & 0x80) == 0)
                return value;
        }
        fail("a number longer than 64 bits");
    }

private:
    std::span<const std::uint8_t> m_bytes;
    std::size_t m_pos = 0;
};

std::optional<NameId> tagOf(std::uint64_t stored) {
    if (stored == 0)
        return std::nullopt;
    if (stored - 1 > UINT32_MAX)
        fail("a tag id out of range");
    return static_cast<NameId>(stored - 1);
}

} // namespace

std::vector<std::uint8_t> encodeProfileSlice(const Profile& profile,
                                             const std::function<NameId(std::string_view)>& nameId) {
    std::vector<NameId> frameIds(profile.frameCount());
    for (FrameId id = 0; id < frameIds.size(); ++id)
        frameIds[id] = nameId(profile.frameName(id));
    auto tagId = [&](TagId tag) -> std::uint64_t {
        return tag == kNoTag ? 0 : std::uint64_t{nameId(profile.tagName(tag))} + 1;
    };
    std::vector<std::uint8_t> plain;
    putVarint(plain, profile.stackCount());
    std::span<const FrameId> previous;
    for (std::size_t i = 0; i < profile.stackCount(); ++i) {
        const Profile::Stack stack = profile.stack(i);
        const auto shared = static_cast<std::size_t>(
            std::mismatch(stack.frames.begin(), stack.frames.end(), previous.begin(), previous.end()).first -
            stack.frames.begin());
        putVarint(plain, tagId(stack.thread));
        putVarint(plain, tagId(stack.engine));
        putVarint(plain, stack.count);
        putVarint(plain, shared);
        putVarint(plain, stack.frames.size() - shared);
        for (FrameId frame : stack.frames.subspan(shared))
            putVarint(plain, frameIds[frame]);
        previous = stack.frames;
    }
    std::vector<std::uint8_t> blob{kFormat};
    deflateBytes(plain, blob);
    return blob;
}

void decodeProfileSlice(std::span<const std::uint8_t> blob,
                        const std::function<void(const SliceStack&)>& stack) {
    if (blob.empty())
        fail("empty");
    if (blob[0] != kFormat)
        fail("format " + std::to_string(blob[0]) + " is not one this build reads (" +
             std::to_string(kFormat) + ")");
    const std::vector<std::uint8_t> plain = inflateBytes(blob.subspan(1), kMaxInflatedBytes, "profile slice");
    VarintReader reader(plain);
    const std::uint64_t stacks = reader.next();
    std::vector<NameId> frames;
    for (std::uint64_t i = 0; i < stacks; ++i) {
        SliceStack decoded;
        decoded.thread = tagOf(reader.next());
        decoded.engine = tagOf(reader.next());
        decoded.count = reader.next();
        const std::uint64_t shared = reader.next();
        const std::uint64_t own = reader.next();
        if (shared > frames.size())
            fail("stack " + std::to_string(i + 1) + " shares " + std::to_string(shared) +
                 " frames with a stack of " + std::to_string(frames.size()));
        if (shared + own == 0 || own > plain.size())
            fail("stack " + std::to_string(i + 1) + " has an impossible length");
        frames.resize(shared);
        for (std::uint64_t f = 0; f < own; ++f) {
            const std::uint64_t id = reader.next();
            if (id > UINT32_MAX)
                fail("a frame id out of range");
            frames.push_back(static_cast<NameId>(id));
        }
        decoded.frames = frames;
        stack(decoded);
    }
    if (!reader.done())
        fail("unexpected bytes after the last stack");
}

} // namespace perflab
