// Writes a command's output file completely or fails with the OS's reason (a full disk is exit 3, not
// silence).
#pragma once

#include <filesystem>
#include <functional>
#include <ostream>

namespace perflab::cli {

// Writes through a temporary file renamed into place, so a failed write never leaves a truncated file.
void writeOutputFile(const std::filesystem::path& path, const std::function<void(std::ostream&)>& write);

} // namespace perflab::cli
