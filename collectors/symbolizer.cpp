// libdwfl over /proc/self/maps: each mapped ELF object's .symtab (or .dynsym when stripped). No separate
// debug files are searched, so symbolizing never reaches the network (debuginfod) or stalls on a disk scan.
#include "collectors/symbolizer.h"

#include <chrono>
#include <cstdlib>
#include <cxxabi.h>
#include <elfutils/libdwfl.h>
#include <stdexcept>
#include <unistd.h>

namespace perflab::profiling {

namespace {

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
    if (const auto it = m_frameOfAddress.find(address); it != m_frameOfAddress.end())
        return it->second;
    std::string name = lookUp(address);
    auto [named, added] = m_frameOfName.try_emplace(name, static_cast<std::uint32_t>(m_frameNames.size()));
    if (added)
        m_frameNames.push_back(std::move(name));
    m_frameOfAddress.emplace(address, named->second);
    return named->second;
}

std::string Symbolizer::lookUp(std::uint64_t address) {
    Dwfl_Module* module = dwfl_addrmodule(m_session->dwfl, address);
    // An object loaded since the last report (dlopen): report again, at most once a second.
    if (!module && nowMs() - m_lastReportMs >= 1000 && reportModules())
        module = dwfl_addrmodule(m_session->dwfl, address);
    if (!module)
        return "[unknown]";
    if (const char* symbol = dwfl_module_addrname(module, address))
        return demangle(symbol);
    Dwarf_Addr low = 0;
    const char* path = dwfl_module_info(module, nullptr, &low, nullptr, nullptr, nullptr, nullptr, nullptr);
    std::string object = path ? path : "[unknown]";
    if (const auto slash = object.rfind('/'); slash != std::string::npos)
        object.erase(0, slash + 1);
    return object + "+" + hex(address - low);
}

} // namespace perflab::profiling
