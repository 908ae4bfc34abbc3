// Instruction addresses of this process to demangled function names, from the ELF symbol tables of the
// mapped objects (libdwfl), cached per address. Not thread-safe: the profiler's drain thread owns it.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace perflab::profiling {

class Symbolizer {
public:
    Symbolizer();
    ~Symbolizer();
    Symbolizer(const Symbolizer&) = delete;
    Symbolizer& operator=(const Symbolizer&) = delete;

    // The id of the name of the function holding `address`: "ns::Class::function(args)"; "libfoo.so+0x1a2b"
    // inside an object without a symbol there; "[unknown]" outside every mapped object. Equal names share
    // an id.
    std::uint32_t frame(std::uint64_t address);
    const std::string& frameName(std::uint32_t id) const { return m_frameNames[id]; }

private:
    std::string lookUp(std::uint64_t address);
    bool reportModules();

    struct Session;
    std::unique_ptr<Session> m_session;
    std::unordered_map<std::uint64_t, std::uint32_t> m_frameOfAddress;
    std::unordered_map<std::string, std::uint32_t> m_frameOfName;
    std::vector<std::string> m_frameNames;
    std::int64_t m_lastReportMs = 0;
};

// Demangles an Itanium C++ ABI name; other names come back unchanged.
std::string demangle(const char* symbol);

} // namespace perflab::profiling
