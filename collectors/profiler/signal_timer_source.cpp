// SIGPROF from per-thread CPU-time timers. The handler finds its thread's buffer through the timer's
// signal value (a slot index into the process-wide table), walks the frame pointers bounded by the memory
// range holding the stack pointer, and publishes one record; the drain thread consumes the records.
#include "collectors/profiler/signal_timer_source.h"

#include "collectors/profiler/frame_walk.h"
#include "collectors/profiler/writable_ranges.h"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <csignal>
#include <stdexcept>
#include <system_error>
#include <thread>

namespace perflab::profiling {

namespace {

constexpr std::uint32_t kSlots = 4096;
// One signal per kernel tick at most (250 to 1000 Hz): 128 records (130 KiB) hold over 125 ms, more than
// two drain periods.
constexpr std::uint64_t kRecordsPerThread = 128;
constexpr std::size_t kMaxRanges = 8192;

struct Record {
    std::uint32_t depth = 0;
    std::uint32_t periods = 1;
    std::uint64_t frames[kMaxStackDepth] = {};
};

// Single producer (the handler, in its thread), single consumer (the drain thread).
struct Buffer {
    std::atomic<std::uint64_t> head{0};
    std::atomic<std::uint64_t> tail{0};
    std::atomic<std::uint64_t> lost{0};
    Record records[kRecordsPerThread];
};

struct RangeTable {
    std::size_t count = 0;
    MemoryRange ranges[kMaxRanges];
};

// The one process-wide state of signal sampling. The range tables are double-buffered: the writer fills the
// inactive table once no handler reads it; a handler that finds the table switched under it does not walk.
struct SignalState {
    std::atomic<bool> claimed{false};
    std::atomic<int> inHandler{0};
    std::atomic<std::uint64_t> unknownStacks{0};
    std::atomic<Buffer*> slots[kSlots] = {};
    RangeTable tables[2] = {};
    std::atomic<int> activeTable{0};
    std::atomic<int> tableReaders[2] = {};
    struct sigaction previous = {};
};

constinit SignalState g_signals;

static_assert(std::atomic<std::uint64_t>::is_always_lock_free && std::atomic<Buffer*>::is_always_lock_free &&
              std::atomic<int>::is_always_lock_free);

std::uint64_t stackEnd(std::uint64_t sp) noexcept {
    const int table = g_signals.activeTable.load();
    g_signals.tableReaders[table].fetch_add(1);
    std::uint64_t end = 0;
    if (g_signals.activeTable.load() == table) {
        const RangeTable& ranges = g_signals.tables[table];
        end = rangeEndOf(std::span<const MemoryRange>(ranges.ranges, ranges.count), sp);
    }
    g_signals.tableReaders[table].fetch_sub(1);
    if (end == 0)
        g_signals.unknownStacks.fetch_add(1);
    return end;
}

void record(Buffer& buffer, const void* ucontext, int overruns) noexcept {
    const std::uint64_t head = buffer.head.load(std::memory_order_relaxed);
    if (head - buffer.tail.load(std::memory_order_acquire) >= kRecordsPerThread) {
        buffer.lost.fetch_add(1, std::memory_order_relaxed);
        return;
    }
    Record& slot = buffer.records[head % kRecordsPerThread];
    const Registers registers = interruptedRegisters(ucontext);
    // Without a known stack range only the sampled instruction is kept (end 0 stops the walk).
    slot.depth = static_cast<std::uint32_t>(walkFrames(registers, stackEnd(registers.sp), slot.frames));
    slot.periods = 1 + static_cast<std::uint32_t>(overruns > 0 ? overruns : 0);
    buffer.head.store(head + 1, std::memory_order_release);
}

void onSampleSignal(int, siginfo_t* info, void* ucontext) {
    const int savedErrno = errno;
    g_signals.inHandler.fetch_add(1);
    if (info->si_code == SI_TIMER) {
        const auto slot = static_cast<std::uint32_t>(info->si_value.sival_int);
        if (slot < kSlots)
            if (Buffer* buffer = g_signals.slots[slot].load())
                record(*buffer, ucontext, info->si_overrun);
    }
    g_signals.inHandler.fetch_sub(1);
    errno = savedErrno;
}

// The CPU-time clock of thread `tid` of this process (what pthread_getcpuclockid returns for it).
clockid_t threadCpuClock(pid_t tid) {
    constexpr unsigned kPerThreadSchedClock = 6;
    return static_cast<clockid_t>((~static_cast<unsigned>(tid) << 3) | kPerThreadSchedClock);
}

} // namespace

struct SignalTimerSource::Thread {
    pid_t tid = 0;
    std::uint32_t slot = 0;
    timer_t timer = {};
    std::unique_ptr<Buffer> buffer = std::make_unique<Buffer>();
};

SignalTimerSource::SignalTimerSource(int hz)
    : m_periodNs(1'000'000'000L / hz) {
    if (g_signals.claimed.exchange(true))
        throw std::logic_error("another profiler is already sampling this process with signal timers");
    for (std::uint32_t slot = kSlots; slot > 0; --slot)
        m_freeSlots.push_back(slot - 1);
    struct sigaction action = {};
    action.sa_sigaction = onSampleSignal;
    action.sa_flags = SA_SIGINFO | SA_RESTART;
    sigemptyset(&action.sa_mask);
    if (::sigaction(SIGPROF, &action, &g_signals.previous) != 0) {
        g_signals.claimed = false;
        throw std::system_error(errno, std::generic_category(), "sigaction(SIGPROF)");
    }
}

SignalTimerSource::~SignalTimerSource() {
    for (auto& [tid, thread] : m_threads) {
        ::timer_delete(thread->timer); // also discards its pending signal
        g_signals.slots[thread->slot].store(nullptr);
    }
    while (g_signals.inHandler.load() != 0)
        std::this_thread::yield();
    ::sigaction(SIGPROF, &g_signals.previous, nullptr);
    g_signals.claimed = false;
}

void SignalTimerSource::refreshStackRanges() {
    const std::vector<MemoryRange> ranges = writableRangesOfThisProcess();
    const int next = 1 - g_signals.activeTable.load();
    while (g_signals.tableReaders[next].load() != 0)
        std::this_thread::yield();
    RangeTable& table = g_signals.tables[next];
    table.count = std::min(ranges.size(), kMaxRanges);
    std::copy_n(ranges.begin(), table.count, table.ranges);
    g_signals.activeTable.store(next);
}

bool SignalTimerSource::attach(pid_t tid) {
    if (m_threads.contains(tid))
        return true;
    if (m_freeSlots.empty())
        throw std::runtime_error("the signal-timer profiler samples at most " + std::to_string(kSlots) +
                                 " threads at a time");
    refreshStackRanges(); // the new thread's stack is in the table before its first signal
    auto thread = std::make_unique<Thread>();
    thread->tid = tid;
    thread->slot = m_freeSlots.back();
    g_signals.slots[thread->slot].store(thread->buffer.get());

    sigevent event = {};
    event.sigev_notify = SIGEV_THREAD_ID;
    event.sigev_signo = SIGPROF;
    event.sigev_value.sival_int = static_cast<int>(thread->slot);
    event._sigev_un._tid = tid;
    if (::timer_create(threadCpuClock(tid), &event, &thread->timer) != 0) {
        const int error = errno;
        g_signals.slots[thread->slot].store(nullptr);
        if (error == EINVAL || error == ESRCH) // the thread has exited
            return false;
        throw std::system_error(error, std::generic_category(),
                                "timer_create for thread " + std::to_string(tid));
    }
    const timespec period{.tv_sec = m_periodNs / 1'000'000'000L, .tv_nsec = m_periodNs % 1'000'000'000L};
    const itimerspec spec{.it_interval = period, .it_value = period};
    if (::timer_settime(thread->timer, 0, &spec, nullptr) != 0) {
        const int error = errno;
        ::timer_delete(thread->timer);
        g_signals.slots[thread->slot].store(nullptr);
        throw std::system_error(error, std::generic_category(),
                                "timer_settime for thread " + std::to_string(tid));
    }
    m_freeSlots.pop_back();
    m_threads.emplace(tid, std::move(thread));
    return true;
}

void SignalTimerSource::detach(pid_t tid) {
    const auto it = m_threads.find(tid);
    if (it == m_threads.end())
        return;
    ::timer_delete(it->second->timer);
    g_signals.slots[it->second->slot].store(nullptr);
    m_detached.push_back(std::move(it->second));
    m_threads.erase(it);
}

void SignalTimerSource::drain(const SampleSink& sink) {
    if (const auto unknown = g_signals.unknownStacks.load(); unknown != m_unknownStacksSeen) {
        m_unknownStacksSeen = unknown; // a stack grew or appeared since the last snapshot
        refreshStackRanges();
    }
    for (auto& [tid, thread] : m_threads)
        drainThread(*thread, sink);
    // A detached buffer is freed once no handler can hold it: its slot is cleared, so a handler that still
    // has it incremented inHandler before reading the slot.
    std::erase_if(m_detached, [&](std::unique_ptr<Thread>& thread) {
        drainThread(*thread, sink);
        if (g_signals.inHandler.load() != 0)
            return false;
        release(*thread);
        return true;
    });
}

void SignalTimerSource::drainThread(Thread& thread, const SampleSink& sink) {
    Buffer& buffer = *thread.buffer;
    const std::uint64_t head = buffer.head.load(std::memory_order_acquire);
    std::uint64_t tail = buffer.tail.load(std::memory_order_relaxed);
    for (; tail < head; ++tail) {
        const Record& record = buffer.records[tail % kRecordsPerThread];
        sink(thread.tid, std::span<const std::uint64_t>(record.frames, record.depth), record.periods);
    }
    buffer.tail.store(tail, std::memory_order_release);
}

void SignalTimerSource::release(Thread& thread) {
    m_lostOfFreed += thread.buffer->lost.load();
    m_freeSlots.push_back(thread.slot);
}

std::uint64_t SignalTimerSource::lostSamples() const {
    std::uint64_t lost = m_lostOfFreed;
    for (const auto& [tid, thread] : m_threads)
        lost += thread->buffer->lost.load();
    for (const auto& thread : m_detached)
        lost += thread->buffer->lost.load();
    return lost;
}

} // namespace perflab::profiling
