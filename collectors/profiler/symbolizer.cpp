// libdwfl over /proc/self/maps: each mapped ELF object's .symtab (or .dynsym when stripped). No separate
// debug files are searched, so symbolizing never reaches the network (debuginfod) or stalls on a disk scan.
#include "collectors/profiler/symbolizer.h"

#include <chrono>
#include <cstdlib>
#include <cxxabi.h>
#include <elfutils/libdwfl.h>
#include <stdexcept>
#include <unistd.h>

namespace perflab::profiling {

namespace {

constexpr std::string_view kUnknown = "[unknown]";

int noSeparateDebugInfo(Dwfl_Module*, void**, const char*, Dwarf_Addr, const char*, const char*, GElf_Word,
                        char**) {
    return -1;
}

const Dwfl_Callbacks kCallbacks = {.find_elf = dwfl_linux_proc_find_elf,
                                   .find_debuginfo = noSeparateDebugInfo,
                                   .section_address = nullptr,
                                   .debuginfo_path = nullptr};

std::int64_t nowMs() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

std::string hex(std::uint64_t value) {
    char text[19];
    std::snprintf(text, sizeof text, "0x%llx", static_cast<unsigned long long>(value));
    return text;
}

} // namespace

std::string demangle(const char* symbol) {
    int status = 0;
    char* demangled = abi::__cxa_demangle(symbol, nullptr, nullptr, &status);
    if (status != 0 || !demangled)
        return symbol;
    std::string name(demangled);
    std::free(demangled);
    return name;
}

struct Symbolizer::Session {
    Dwfl* dwfl = dwfl_begin(&kCallbacks);
    ~Session() { dwfl_end(dwfl); }
};

Symbolizer::Symbolizer()
    : m_session(std::make_unique<Session>()) {
    if (!m_session->dwfl)
        throw std::runtime_error(std::string("libdwfl: ") + dwfl_errmsg(-1));
    reportModules();
}

Symbolizer::~Symbolizer() = default;

bool Symbolizer::reportModules() {
    m_lastReportMs = nowMs();
    dwfl_report_begin(m_session->dwfl);
    const int failed = dwfl_linux_proc_report(m_session->dwfl, ::getpid());
    dwfl_report_end(m_session->dwfl, nullptr, nullptr);
    return failed == 0;
}

std::uint32_t Symbolizer::frame(std::uint64_t address) {
    if (auto it = m_functions.upper_bound(address); it != m_functions.begin() && address < (--it)->second.end)
        return it->second.frame;
    if (const auto it = m_frameOfAddress.find(address); it != m_frameOfAddress.end())
        return it->second;
    std::optional<std::pair<std::uint64_t, Function>> function;
    const std::uint32_t frame = intern(lookUp(address, function));
    if (function) {
        function->second.frame = frame;
        m_functions.insert(*function);
    } else if (m_frameNames[frame] != kUnknown) {
        // Outside every object: not cached, so stray values from broken frame chains cannot grow the cache.
        m_frameOfAddress.emplace(address, frame);
    }
    return frame;
}

std::uint32_t Symbolizer::intern(std::string name) {
    auto [named, added] = m_frameOfName.try_emplace(name, static_cast<std::uint32_t>(m_frameNames.size()));
    if (added)
        m_frameNames.push_back(std::move(name));
    return named->second;
}

std::string Symbolizer::lookUp(std::uint64_t address,
                               std::optional<std::pair<std::uint64_t, Function>>& function) {
    Dwfl_Module* module = dwfl_addrmodule(m_session->dwfl, address);
    // An object loaded since the last report (dlopen): report again, at most every 10 s (stray addresses
    // from broken frame chains also land outside every object).
    if (!module && nowMs() - m_lastReportMs >= 10'000 && reportModules())
        module = dwfl_addrmodule(m_session->dwfl, address);
    if (!module)
        return std::string(kUnknown);
    GElf_Off offset = 0;
    GElf_Sym symbol{};
    if (const char* name =
            dwfl_module_addrinfo(module, address, &offset, &symbol, nullptr, nullptr, nullptr)) {
        if (symbol.st_size > 0)
            function.emplace(address - offset,
                             Function{.end = address - offset + symbol.st_size, .frame = 0});
        return demangle(name);
    }
    Dwarf_Addr low = 0;
    const char* path = dwfl_module_info(module, nullptr, &low, nullptr, nullptr, nullptr, nullptr, nullptr);
    if (address < low)
        return std::string(kUnknown);
    std::string object = path ? path : "[unknown]";
    if (const auto slash = object.rfind('/'); slash != std::string::npos)
        object.erase(0, slash + 1);
    return object + "+" + hex(address - low);
}

} // namespace perflab::profiling
