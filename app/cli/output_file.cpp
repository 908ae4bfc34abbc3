// Temporary file + flush check + rename: the output is whole or absent.
#include "app/cli/output_file.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <system_error>

namespace perflab::cli {

void writeOutputFile(const std::filesystem::path& path, const std::function<void(std::ostream&)>& write) {
    auto temporary = path;
    temporary += ".partial";
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        if (!out)
            throw std::system_error(errno, std::generic_category(), "cannot write " + path.string());
        write(out);
        out.flush();
        if (!out) {
            const int error = errno;
            out.close();
            std::filesystem::remove(temporary);
            throw std::system_error(error, std::generic_category(), "cannot write " + path.string());
        }
    }
    std::error_code ec;
    std::filesystem::rename(temporary, path, ec);
    if (ec)
        throw std::system_error(ec, "cannot write " + path.string());
}

} // namespace perflab::cli
