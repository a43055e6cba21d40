#include "core/course.h"

namespace tremplin::core {

std::string_view ToString(DeliveryMode mode) {
  switch (mode) {
    case DeliveryMode::kOnSite: return "onsite";
    case DeliveryMode::kBlended: return "blended";
    case DeliveryMode::kRemote: return "remote";
  }
  return "onsite";
}

std::optional<DeliveryMode> ParseDeliveryMode(std::string_view text) {
  for (DeliveryMode m : {DeliveryMode::kOnSite, DeliveryMode::kBlended, DeliveryMode::kRemote})
    if (ToString(m) == text) return m;
  return std::nullopt;
}

std::string_view ToString(LabelState state) {
  switch (state) {
    case LabelState::kLabelled: return "labelled";
    case LabelState::kRenewalPending: return "renewal_pending";
    case LabelState::kWithdrawn: return "withdrawn";
    case LabelState::kExpired: return "expired";
  }
  return "labelled";
}

std::optional<LabelState> ParseLabelState(std::string_view text) {
  for (LabelState s : {LabelState::kLabelled, LabelState::kRenewalPending, LabelState::kWithdrawn,
                       LabelState::kExpired})
    if (ToString(s) == text) return s;
  return std::nullopt;
}

std::string_view ToString(CourseStatus status) {
  switch (status) {
    case CourseStatus::kDraft: return "draft";
    case CourseStatus::kPublished: return "published";
    case CourseStatus::kArchived: return "archived";
  }
  return "published";
}

std::optional<CourseStatus> ParseCourseStatus(std::string_view text) {
  for (CourseStatus s : {CourseStatus::kDraft, CourseStatus::kPublished, CourseStatus::kArchived})
    if (ToString(s) == text) return s;
  return std::nullopt;
}

std::string_view ToString(RecruitmentState state) {
  switch (state) {
    case RecruitmentState::kUpcoming: return "upcoming";
    case RecruitmentState::kOpen: return "open";
    case RecruitmentState::kClosed: return "closed";
    case RecruitmentState::kFull: return "full";
  }
  return "upcoming";
}

std::optional<RecruitmentState> ParseRecruitmentState(std::string_view text) {
  for (RecruitmentState s : {RecruitmentState::kUpcoming, RecruitmentState::kOpen,
                             RecruitmentState::kClosed, RecruitmentState::kFull})
    if (ToString(s) == text) return s;
  return std::nullopt;
}

RecruitmentState RecruitmentOn(const Session& session, Date today) {
  if (session.recruitment == RecruitmentState::kFull || session.recruitment == RecruitmentState::kClosed)
    return session.recruitment;
  if (today < session.enrolment_opens) return RecruitmentState::kUpcoming;
  if (today <= session.enrolment_closes) return RecruitmentState::kOpen;
  return RecruitmentState::kClosed;
}

}  // namespace tremplin::core
