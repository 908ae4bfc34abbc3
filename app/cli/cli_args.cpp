// Parses "--option value", "--option=value" and flags against a command's spec.
#include "app/cli/cli_args.h"

#include <algorithm>
#include <charconv>
#include <iostream>

namespace perflab::cli {

Args::Args(const CommandSpec& spec, const std::vector<std::string>& arguments)
    : m_spec(&spec) {
    m_help = std::any_of(arguments.begin(), arguments.end(),
                         [](const auto& a) { return a == "--help" || a == "-h"; });
    if (m_help)
        return;
    for (std::size_t i = 0; i < arguments.size(); ++i) {
        std::string arg = arguments[i];
        if (!arg.starts_with("--") || arg == "--") {
            m_positional.push_back(arg);
            continue;
        }
        std::optional<std::string> inlineValue;
        if (const auto eq = arg.find('='); eq != std::string::npos) {
            inlineValue = arg.substr(eq + 1);
            arg.resize(eq);
        }
        if (spec.flags.count(arg) && !inlineValue) {
            m_flags.insert(arg);
        } else if (spec.valueOptions.count(arg)) {
            if (!inlineValue && i + 1 >= arguments.size())
                throw UsageError(spec.name + ": " + arg + " needs a value");
            m_values[arg] = inlineValue ? *inlineValue : arguments[++i];
        } else {
            throw UsageError(spec.name + ": unknown option " + arg);
        }
    }
    if (m_positional.size() < spec.minPositional || m_positional.size() > spec.maxPositional)
        throw UsageError(spec.name + ": wrong number of arguments");
}

std::optional<std::string> Args::value(const std::string& option) const {
    const auto it = m_values.find(option);
    return it == m_values.end() ? std::nullopt : std::optional<std::string>(it->second);
}

std::int64_t Args::runId(const std::string& option) const {
    const auto text = value(option);
    if (!text)
        throw UsageError(option + " is required");
    std::int64_t id = 0;
    const auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), id);
    if (error != std::errc{} || end != text->data() + text->size() || id <= 0)
        throw UsageError(option + ": expected a run id (a positive number), got \"" + *text + "\"");
    return id;
}

bool Args::answeredHelp() const {
    if (m_help)
        std::cout << m_spec->usage;
    return m_help;
}

} // namespace perflab::cli
