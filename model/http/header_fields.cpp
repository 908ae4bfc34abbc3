// Case-insensitive compares and token lists over ASCII, as RFC 9110 defines them for field names and tokens.
#include "model/http/header_fields.h"

#include <algorithm>

namespace perflab {

bool startsWithIgnoringCase(std::string_view text, std::string_view prefix) noexcept {
    return equalsIgnoringCase(text.substr(0, prefix.size()), prefix);
}

bool isToken(std::string_view text) noexcept {
    return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
    });
}

std::string_view trimSpaces(std::string_view text) noexcept {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
        text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t'))
        text.remove_suffix(1);
    return text;
}

bool hasToken(std::string_view list, std::string_view token) noexcept {
    for (;;) {
        const std::size_t comma = list.find(',');
        if (equalsIgnoringCase(trimSpaces(list.substr(0, comma)), token))
            return true;
        if (comma == std::string_view::npos)
            return false;
        list.remove_prefix(comma + 1);
    }
}

} // namespace perflab
