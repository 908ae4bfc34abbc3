// The text rules HTTP/1.x framing shares: ASCII case-insensitive names and tokens (header names, Connection
// and Transfer-Encoding tokens, URL schemes), optional white space around values, comma-separated lists.
#pragma once

#include <cstddef>
#include <string_view>

namespace perflab {

// ASCII only: bytes outside A-Z compare as they are, whatever the locale. Inline: the load client's response
// parser compares every header line's name with the few it reads, and most differ in size at once.
inline bool equalsIgnoringCase(std::string_view a, std::string_view b) noexcept {
    if (a.size() != b.size())
        return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        const char x = a[i] >= 'A' && a[i] <= 'Z' ? static_cast<char>(a[i] - 'A' + 'a') : a[i];
        const char y = b[i] >= 'A' && b[i] <= 'Z' ? static_cast<char>(b[i] - 'A' + 'a') : b[i];
        if (x != y)
            return false;
    }
    return true;
}
bool startsWithIgnoringCase(std::string_view text, std::string_view prefix) noexcept;
// A token (RFC 9110 section 5.6.2): a method or a header name, letters, digits and !#$%&'*+-.^_`|~ only.
bool isToken(std::string_view text) noexcept;
// Without the spaces and tabs around it (a header value's optional white space).
std::string_view trimSpaces(std::string_view text) noexcept;
// Whether the comma-separated `list` ("gzip, chunked") holds `token`, ignoring case and white space.
bool hasToken(std::string_view list, std::string_view token) noexcept;

} // namespace perflab
