// A course as the audit log records it: every stored field, its professions and sessions, as
// one JSON object (keys in a fixed order, so that equal courses give equal texts).
#pragma once

#include <string>

#include "core/course.h"

namespace tremplin::store {

std::string CourseState(const core::Course& course);

}  // namespace tremplin::store
