// Version and source revision, generated at build time (cmake/version.cmake).
#pragma once

#include <string_view>

namespace samspel {

std::string_view version();
// `git describe`-style revision of the source tree; "-dirty" marks uncommitted changes,
// "unknown" a build outside a git checkout.
std::string_view git_revision();

}  // namespace samspel
