#include "store/course_state.h"

#include <boost/json.hpp>

namespace tremplin::store {

std::string CourseState(const core::Course& c) {
  boost::json::array professions;
  for (const std::string& p : c.profession_ids) professions.emplace_back(p);
  boost::json::array sessions;
  for (const core::Session& s : c.sessions) {
    boost::json::object o;
    o["id"] = s.id;
    o["commune_code"] = s.commune_code;
    o["address"] = s.address;
    if (s.point) o["point"] = boost::json::array{s.point->lat, s.point->lon};
    o["start"] = s.start.ToIso();
    o["end"] = s.end.ToIso();
    o["enrolment_opens"] = s.enrolment_opens.ToIso();
    o["enrolment_closes"] = s.enrolment_closes.ToIso();
    o["capacity"] = s.capacity;
    o["recruitment"] = core::ToString(s.recruitment);
    sessions.emplace_back(std::move(o));
  }
  boost::json::object o;
  o["id"] = c.id;
  o["organisation_id"] = c.organisation_id;
  o["title"] = c.title;
  o["summary"] = c.summary;
  o["objectives"] = c.objectives;
  o["content"] = c.content;
  o["prerequisites"] = c.prerequisites;
  o["target_public"] = c.target_public;
  o["access_modalities"] = c.access_modalities;
  o["teaching_methods"] = c.teaching_methods;
  o["assessment_methods"] = c.assessment_methods;
  o["accessibility"] = c.accessibility;
  o["family_id"] = c.family_id;
  o["profession_ids"] = std::move(professions);
  o["rncp_code"] = c.rncp_code;
  o["certification_title"] = c.certification_title;
  o["certification_level"] = c.certification_level;
  o["mode"] = core::ToString(c.mode);
  o["duration_hours"] = c.duration_hours;
  o["duration_weeks"] = c.duration_weeks;
  o["cost_to_learner_cents"] = c.cost_to_learner_cents;
  o["status"] = core::ToString(c.status);
  o["label_state"] = core::ToString(c.label_state);
  o["label_granted_on"] = c.label_granted_on.ToIso();
  o["label_expires_on"] = c.label_expires_on.ToIso();
  o["sessions"] = std::move(sessions);
  return boost::json::serialize(o);
}

std::string OrganisationState(const core::Organisation& organisation) {
  boost::json::object o;
  o["id"] = organisation.id;
  o["siret"] = organisation.siret;
  o["name"] = organisation.name;
  o["description"] = organisation.description;
  o["address"] = organisation.address;
  o["postcode"] = organisation.postcode;
  o["commune_code"] = organisation.commune_code;
  o["website"] = organisation.website;
  o["email"] = organisation.email;
  o["phone"] = organisation.phone;
  o["qualiopi_certified"] = organisation.qualiopi_certified;
  o["is_demo"] = organisation.is_demo;
  return boost::json::serialize(o);
}

}  // namespace tremplin::store
