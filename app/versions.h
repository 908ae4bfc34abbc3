// The versions this build of Perflab runs with, for Help > About and bug reports.
#pragma once

#include "widgets/window/about_dialog.h"

namespace perflab {

// Perflab, Qt (built against and running), SQLite (linked), the compiler and Boost.
ComponentVersions componentVersions();

} // namespace perflab
