// Enums whose values are written by name (run statuses, run kinds, event kinds): each specialises EnumNames
// beside the enum, and toString and parseName are the one pair of conversions for all of them.
#pragma once

#include <cstddef>
#include <iterator>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>

namespace perflab {

// Specialised for each named enum: `what` a value is called in errors ("run status") and `names`, the names
// of its values in declaration order.
template <class Enum> struct EnumNames {};

template <class Enum>
concept NamedEnum = std::is_enum_v<Enum> && requires {
    EnumNames<Enum>::what;
    std::size(EnumNames<Enum>::names);
};

template <NamedEnum Enum> constexpr std::string_view toString(Enum value) noexcept {
    const auto index = static_cast<std::size_t>(value);
    return index < std::size(EnumNames<Enum>::names) ? EnumNames<Enum>::names[index] : "unknown";
}

// "unknown WHAT "TEXT" (expected a, b or c)"
std::string unknownNameMessage(std::string_view what, std::string_view text,
                               std::span<const std::string_view> names);

// The value toString names `text`; throws std::invalid_argument with unknownNameMessage for any other text.
template <NamedEnum Enum> Enum parseName(std::string_view text) {
    const auto& names = EnumNames<Enum>::names;
    for (std::size_t i = 0; i < std::size(names); ++i)
        if (names[i] == text)
            return static_cast<Enum>(i);
    throw std::invalid_argument(unknownNameMessage(EnumNames<Enum>::what, text, names));
}

} // namespace perflab
