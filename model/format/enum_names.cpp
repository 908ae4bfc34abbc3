// The error of a text that names no value of an enum.
#include "model/format/enum_names.h"

namespace perflab {

std::string unknownNameMessage(std::string_view what, std::string_view text,
                               std::span<const std::string_view> names) {
    std::string message = "unknown " + std::string(what) + " \"" + std::string(text) + "\" (expected ";
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (i > 0)
            message += i + 1 == names.size() ? " or " : ", ";
        message += names[i];
    }
    return message + ")";
}

} // namespace perflab
