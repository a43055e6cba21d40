// Catalogue records as the audit log records them: every stored field (a course with its
// professions and sessions) as one JSON object, keys in a fixed order, so that equal records
// give equal texts.
#pragma once

#include <string>

#include "core/course.h"
#include "core/organisation.h"

namespace tremplin::store {

std::string CourseState(const core::Course& course);
std::string OrganisationState(const core::Organisation& organisation);

}  // namespace tremplin::store
