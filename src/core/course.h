// A labelled course (LHEO "formation") and its sessions (LHEO "session", grouped by place into
// "actions"). Field names follow DESIGN §5 and what Qualiopi indicator 1 asks a provider to publish.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/geo_point.h"

namespace tremplin::core {

enum class DeliveryMode { kOnSite, kBlended, kRemote };
std::string_view ToString(DeliveryMode mode);  // "onsite", "blended", "remote"
std::optional<DeliveryMode> ParseDeliveryMode(std::string_view text);

enum class LabelState { kLabelled, kRenewalPending, kWithdrawn, kExpired };
std::string_view ToString(LabelState state);  // "labelled", "renewal_pending", "withdrawn", "expired"
std::optional<LabelState> ParseLabelState(std::string_view text);

// Where a course stands in its organisation's hands: a draft waits for GEN's label, an
// archived course is no longer offered. Only a published course with a valid label is public.
enum class CourseStatus { kDraft, kPublished, kArchived };
std::string_view ToString(CourseStatus status);  // "draft", "published", "archived"
std::optional<CourseStatus> ParseCourseStatus(std::string_view text);

enum class RecruitmentState { kUpcoming, kOpen, kClosed, kFull };
std::string_view ToString(RecruitmentState state);  // "upcoming", "open", "closed", "full"
std::optional<RecruitmentState> ParseRecruitmentState(std::string_view text);

// A dated occurrence of a course at one place (or remote, with no place).
struct Session {
  int64_t id = 0;
  int64_t course_id = 0;
  std::string commune_code;  // INSEE code; empty for a remote session
  std::string address;       // street line where it takes place; empty for remote
  std::optional<GeoPoint> point;
  Date start;
  Date end;
  Date enrolment_opens;
  Date enrolment_closes;
  int capacity = 0;  // seats
  RecruitmentState recruitment = RecruitmentState::kUpcoming;
};

// The recruitment state of `session` on `today`, from its enrolment dates: a session marked
// full or closed (by its organisation) stays so; otherwise upcoming before enrolment opens,
// open until it closes, then closed.
RecruitmentState RecruitmentOn(const Session& session, Date today);

struct Course {
  int64_t id = 0;
  int64_t organisation_id = 0;
  std::string title;
  std::string summary;             // one or two sentences for result cards
  std::string objectives;          // what the trainee will be able to do
  std::string content;             // programme
  std::string prerequisites;       // "Aucun diplôme requis…"
  std::string target_public;       // who it is for
  std::string access_modalities;   // how to enter (information meeting, tests…) and lead time
  std::string teaching_methods;
  std::string assessment_methods;
  std::string accessibility;       // arrangements for people with disabilities
  std::string family_id;           // core/taxonomy.h
  std::vector<std::string> profession_ids;
  std::string rncp_code;           // "RNCP37674", or empty when not certifying
  std::string certification_title; // "Développeur web et web mobile"
  int certification_level = 0;     // European level 3..8; 0 when not certifying
  DeliveryMode mode = DeliveryMode::kOnSite;
  int duration_hours = 0;          // total hours, centre and company
  int duration_weeks = 0;          // calendar length
  int64_t cost_to_learner_cents = 0;  // usually 0: funded for job-seekers
  CourseStatus status = CourseStatus::kPublished;
  LabelState label_state = LabelState::kLabelled;
  Date label_granted_on;
  Date label_expires_on;           // granted + 3 years
  std::vector<Session> sessions;

  // Whether it has a public page (a withdrawn or expired label keeps its page, saying so).
  bool IsPublished() const { return status == CourseStatus::kPublished; }
  // Whether candidates find it in search: published, with a label in force.
  bool IsSearchable() const {
    return IsPublished() &&
           (label_state == LabelState::kLabelled || label_state == LabelState::kRenewalPending);
  }

  // Calendar length in months, one decimal (52 weeks = 12 months).
  double DurationMonths() const { return static_cast<int>(duration_weeks * 120.0 / 52.0 + 0.5) / 10.0; }
};

}  // namespace tremplin::core
