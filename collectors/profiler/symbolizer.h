// Instruction addresses of this process to demangled function names, from the ELF symbol tables of the
// mapped objects (libdwfl), cached per address. Not thread-safe: the profiler's drain thread owns it.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
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
    struct Function {
        std::uint64_t end = 0; // one past its last byte
        std::uint32_t frame = 0;
    };
    // The name at `address`; sets `function` when the address is inside a sized symbol.
    std::string lookUp(std::uint64_t address, std::optional<std::pair<std::uint64_t, Function>>& function);
    std::uint32_t intern(std::string name);
    bool reportModules();

    struct Session;
    std::unique_ptr<Session> m_session;
    // Symbol lookups cost a scan of the object's symbols: each function is looked up once, by its range;
    // single addresses are cached only inside objects without a symbol there.
    std::map<std::uint64_t, Function> m_functions; // by start address
    std::unordered_map<std::uint64_t, std::uint32_t> m_frameOfAddress;
    std::unordered_map<std::string, std::uint32_t> m_frameOfName;
    std::vector<std::string> m_frameNames;
    std::int64_t m_lastReportMs = 0;
};

// Demangles an Itanium C++ ABI name; other names come back unchanged.
std::string demangle(const char* symbol);

} // namespace perflab::profiling
