// perf_event_open per thread, mmap'd ring buffers read with the kernel's head/tail protocol.
#include "collectors/profiler/perf_event_source.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <linux/perf_event.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <system_error>
#include <unistd.h>

namespace perflab::profiling {

namespace {

// 64 KiB per thread: at 999 Hz a thread writes 15 to 50 KiB (shallow to 127-frame stacks) per 50 ms drain.
// Past the kernel's per-user budget for locked perf buffers (perf_event_mlock_kb, 516 KiB by default) they
// count against RLIMIT_MEMLOCK; a thread whose buffer is refused is reported as not sampled.
constexpr std::size_t kDataPages = 16;

bool isRefusal(int error) {
    return error == EACCES || error == EPERM || error == ENOSYS || error == ENOENT || error == EOPNOTSUPP;
}

} // namespace

class PerfEventSource::Ring {
public:
    Ring(int fd, void* base, std::size_t length)
        : m_fd(fd)
        , m_base(static_cast<char*>(base))
        , m_length(length) {}
    ~Ring() {
        ::munmap(m_base, m_length);
        ::close(m_fd);
    }
    Ring(const Ring&) = delete;
    Ring& operator=(const Ring&) = delete;

    perf_event_mmap_page* control() const { return reinterpret_cast<perf_event_mmap_page*>(m_base); }
    const char* data() const { return m_base + control()->data_offset; }
    std::uint64_t dataSize() const { return control()->data_size; }
    void disable() const { ::ioctl(m_fd, PERF_EVENT_IOC_DISABLE, 0); }

private:
    int m_fd;
    char* m_base;
    std::size_t m_length;
};

PerfEventSource::PerfEventSource(int hz)
    : m_hz(hz)
    , m_record(65536 / sizeof(std::uint64_t)) {}

PerfEventSource::~PerfEventSource() = default;

bool PerfEventSource::attach(pid_t tid) {
    perf_event_attr attr;
    std::memset(&attr, 0, sizeof attr);
    attr.size = sizeof attr;
    attr.type = PERF_TYPE_SOFTWARE;
    attr.config = PERF_COUNT_SW_CPU_CLOCK;
    attr.freq = 1;
    attr.sample_freq = static_cast<std::uint64_t>(m_hz);
    // No PERF_SAMPLE_TIME: a sample belongs to the slice that drains it, at most one drain period late.
    attr.sample_type = PERF_SAMPLE_TID | PERF_SAMPLE_CALLCHAIN;
    attr.exclude_kernel = 1;
    attr.exclude_hv = 1;
    attr.exclude_callchain_kernel = 1;
    const long fd = ::syscall(SYS_perf_event_open, &attr, tid, -1, -1, PERF_FLAG_FD_CLOEXEC);
    if (fd < 0) {
        const int error = errno;
        if (error == ESRCH)
            return false;
        if (isRefusal(error))
            throw SamplingRefused(std::string("perf_event_open refused: ") + std::strerror(error));
        throw std::system_error(error, std::generic_category(),
                                "perf_event_open for thread " + std::to_string(tid) + " at " +
                                    std::to_string(m_hz) + " Hz");
    }
    const std::size_t length = (1 + kDataPages) * static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
    void* base = ::mmap(nullptr, length, PROT_READ | PROT_WRITE, MAP_SHARED, static_cast<int>(fd), 0);
    if (base == MAP_FAILED) {
        const int error = errno;
        ::close(static_cast<int>(fd));
        if (isRefusal(error))
            throw SamplingRefused(std::string("perf ring buffer refused (perf_event_mlock_kb): ") +
                                  std::strerror(error));
        throw std::system_error(error, std::generic_category(), "mmap of a perf ring buffer");
    }
    m_rings[tid] = std::make_unique<Ring>(static_cast<int>(fd), base, length);
    return true;
}

void PerfEventSource::detach(pid_t tid) {
    const auto it = m_rings.find(tid);
    if (it == m_rings.end())
        return;
    it->second->disable();
    m_closing.push_back(std::move(it->second));
    m_rings.erase(it);
}

void PerfEventSource::drain(const SampleSink& sink) {
    for (auto& [tid, ring] : m_rings)
        drainRing(*ring, sink);
    for (auto& ring : m_closing)
        drainRing(*ring, sink);
    m_closing.clear();
}

void PerfEventSource::drainRing(Ring& ring, const SampleSink& sink) {
    perf_event_mmap_page* control = ring.control();
    const std::uint64_t head = __atomic_load_n(&control->data_head, __ATOMIC_ACQUIRE);
    std::uint64_t tail = control->data_tail;
    const std::uint64_t size = ring.dataSize();
    std::uint64_t frames[kMaxStackDepth];
    while (tail < head) {
        const char* data = ring.data();
        perf_event_header header;
        std::memcpy(&header, data + tail % size, sizeof header); // records are 8-aligned: no wrap here
        if (header.size < sizeof header)
            break;
        // A record may wrap around the end of the ring: copy it out in two parts.
        auto* record = reinterpret_cast<char*>(m_record.data());
        const std::uint64_t offset = tail % size;
        const std::uint64_t first = std::min<std::uint64_t>(header.size, size - offset);
        std::memcpy(record, data + offset, first);
        std::memcpy(record + first, data, header.size - first);
        tail += header.size;

        const auto* words = reinterpret_cast<const std::uint64_t*>(record + sizeof header);
        if (header.type == PERF_RECORD_LOST) {
            m_lost += words[1]; // {id, lost}
        } else if (header.type == PERF_RECORD_SAMPLE) {
            pid_t tid = 0;
            std::memcpy(&tid, reinterpret_cast<const char*>(words) + sizeof(std::uint32_t), sizeof tid);
            // {pid, tid}, nr, ips[nr]: nr is bounded by the record's own size.
            const std::uint64_t count =
                std::min<std::uint64_t>(words[1], (header.size - sizeof header) / sizeof(std::uint64_t) - 2);
            std::size_t depth = 0;
            for (std::uint64_t i = 0; i < count && depth < kMaxStackDepth; ++i)
                if (words[2 + i] < PERF_CONTEXT_MAX) // context markers (user, kernel) are not frames
                    frames[depth++] = words[2 + i];
            if (depth > 0)
                sink(tid, std::span<const std::uint64_t>(frames, depth), 1);
        }
    }
    __atomic_store_n(&control->data_tail, tail, __ATOMIC_RELEASE);
}

} // namespace perflab::profiling
