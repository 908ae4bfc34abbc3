// Speedscope's file format (https://www.speedscope.app/file-format-schema.json): a profile written so
// speedscope.app opens it, one "sampled" profile per thread and engine over shared frames.
#pragma once

#include "model/profile/profile.h"

#include <iosfwd>
#include <string>

namespace perflab {

// Stacks untagged by thread and engine form one profile called `name`; tagged ones form one profile per
// (engine, thread) pair, named "engine / thread". Weights are sample counts (unit "none").
void writeSpeedscope(const Profile& profile, const std::string& name, std::ostream& out);

} // namespace perflab
