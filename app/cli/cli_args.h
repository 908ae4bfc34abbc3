// Command-line parsing for the perflab commands: positional arguments, --options with values, flags.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace perflab::cli {

enum ExitCode { kPassed = 0, kSloFailed = 1, kBadInput = 2, kAborted = 3, kStopped = 4 };

// Bad usage: the message names the option or argument (exit 2).
class UsageError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct CommandSpec {
    std::string name;
    std::string usage;                  // printed by --help and on usage errors
    std::set<std::string> valueOptions; // "--db", ...
    std::set<std::string> flags;        // "--quiet", ...
    std::size_t minPositional = 0;
    std::size_t maxPositional = 0;
};

class Args {
public:
    // Throws UsageError for unknown options, missing values and wrong positional counts.
    Args(const CommandSpec& spec, const std::vector<std::string>& arguments);

    bool helpRequested() const noexcept { return m_help; }
    const std::string& command() const noexcept { return m_spec->name; }
    // With --help: prints the command's usage to stdout and returns true.
    bool answeredHelp() const;
    const std::vector<std::string>& positional() const noexcept { return m_positional; }
    std::optional<std::string> value(const std::string& option) const;
    bool flag(const std::string& option) const { return m_flags.count(option) > 0; }
    // The option's value as a positive run id; UsageError naming the option otherwise.
    std::int64_t runId(const std::string& option) const;

private:
    const CommandSpec* m_spec;
    bool m_help = false;
    std::vector<std::string> m_positional;
    std::map<std::string, std::string> m_values;
    std::set<std::string> m_flags;
};

} // namespace perflab::cli
