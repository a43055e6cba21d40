#include "site/course_page.h"

#include <algorithm>
#include <charconv>
#include <map>

#include "core/labels.h"
#include "core/place.h"
#include "site/contact_rows.h"
#include "site/course_card.h"
#include "site/error_pages.h"
#include "site/templates.h"
#include "site/urls.h"
#include "web/language.h"

namespace tremplin::site {
namespace {

using ctemplate::TemplateDictionary;

const core::Messages& M() { return core::Messages::Builtin(); }

// A text field as paragraphs, lines starting with "- " or "• " becoming a bulleted list.
void AddField(TemplateDictionary& dict, core::Lang lang, const char* key, const std::string& text) {
  if (text.empty()) return;
  TemplateDictionary* field = dict.AddSectionDictionary("FIELD");
  field->SetValue("KEY", Tpl(M().Text(lang, key)));
  TemplateDictionary* list = nullptr;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string_view line(text.data() + start, end - start);
    start = end + 1;
    if (line.empty()) continue;
    bool item = line.starts_with("- ") || line.starts_with("• ");
    if (!item) {
      list = nullptr;
      field->AddSectionDictionary("BLOCK")->AddSectionDictionary("PARAGRAPH")->SetValue("TEXT", Tpl(line));
      continue;
    }
    if (!list) list = field->AddSectionDictionary("BLOCK")->AddSectionDictionary("LIST");
    line.remove_prefix(line.starts_with("- ") ? 2 : std::string_view("• ").size());
    list->AddSectionDictionary("ITEM")->SetValue("TEXT", Tpl(line));
  }
}

std::string_view StatusClass(core::RecruitmentState state) {
  switch (state) {
    case core::RecruitmentState::kOpen: return "open";
    case core::RecruitmentState::kUpcoming: return "soon";
    case core::RecruitmentState::kFull: return "full";
    case core::RecruitmentState::kClosed: return "closed";
  }
  return "closed";
}

std::optional<int64_t> ParseId(std::string_view text) {
  int64_t id = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc() || end != text.data() + text.size() || id <= 0) return std::nullopt;
  return id;
}

}  // namespace

web::Response CoursePage(const web::Request& req, const search::Services& services) {
  core::Lang lang = web::RequestLang(req);
  auto catalogue = services.catalogue.Get();
  std::optional<int64_t> id = ParseId(req.PathParam("id"));
  const core::Course* course = id ? catalogue->FindCourse(*id) : nullptr;
  if (course && !course->IsPublished()) course = nullptr;  // a draft or an archived course
  if (!course) return NotFoundPage(req, services);
  const core::Organisation* org = catalogue->FindOrganisation(course->organisation_id);
  const core::Geography& geo = catalogue->geography();
  core::Date today = services.today();
  std::string lieu(req.Param("lieu"));

  PageMeta meta;
  meta.title = course->title;
  meta.description = course->summary;
  meta.content_template = "course.tpl";
  meta.nav = PageMeta::Nav::kSearch;
  return RenderPage(req, services, lang, meta, [&](TemplateDictionary& dict) {
    dict.SetValue("TITLE", course->title);
    dict.SetValue("SUMMARY", course->summary);
    dict.SetValue("ORGANISATION", org ? org->name : "");
    dict.SetValue("ORGANISATION_URL", OrganisationUrl(course->organisation_id, lang));
    if (org && org->is_demo) dict.ShowSection("DEMO");
    const core::Commune* place = geo.FindCommune(lieu);
    bool given_there = std::any_of(course->sessions.begin(), course->sessions.end(),
                                   [&](const core::Session& s) { return s.commune_code == lieu; });
    if (place && given_there)
      dict.AddSectionDictionary("PLACE")->SetValue("PLACE_LABEL", core::CommuneLabel(*place));
    bool labelled = course->label_state == core::LabelState::kLabelled ||
                    course->label_state == core::LabelState::kRenewalPending;
    if (labelled && course->label_expires_on >= today) {
      dict.ShowSection("LABELLED");
    } else {
      dict.AddSectionDictionary("LABEL_WARNING")->SetValue(
          "TEXT", M().Format(lang, "course.label_not_valid",
                             {{"state", std::string(core::LabelStateLabel(course->label_state, lang))}}));
    }
    dict.SetValue("MODE_CLASS", Tpl(ModeBadgeClass(course->mode)));
    dict.SetValue("MODE_LABEL", Tpl(core::ModeLabel(course->mode, lang)));

    std::string professions;
    for (const std::string& pid : course->profession_ids)
      if (const core::Profession* p = catalogue->taxonomy().FindProfession(pid))
        professions += (professions.empty() ? "" : ", ") + std::string(core::Name(*p, lang));
    dict.SetValue("PROFESSIONS", professions);
    dict.SetValue("DURATION", M().Format(lang, "course.duration_value",
                                         {{"duration", core::DurationLabel(course->duration_weeks, lang)},
                                          {"hours", std::to_string(course->duration_hours)}}));
    dict.SetValue("COST", core::MoneyLabel(course->cost_to_learner_cents, lang));
    dict.SetValue("LEVEL", core::LevelLabel(course->certification_level, lang));

    // Sessions still to come or under way, grouped by place; the place searched first.
    std::map<std::string, std::vector<const core::Session*>> by_place;
    for (const core::Session& s : course->sessions)
      if (s.end >= today) by_place[s.commune_code].push_back(&s);
    // The next start at the place searched when the course is given there, else anywhere.
    bool here_only = by_place.contains(lieu);
    std::optional<core::Date> next;
    for (const auto& [code, sessions] : by_place)
      for (const core::Session* s : sessions)
        if (s->start >= today && (!here_only || code == lieu) && (!next || s->start < *next))
          next = s->start;
    dict.SetValue("NEXT_SESSION", next ? core::DateLabel(*next, lang)
                                       : std::string(M().Text(lang, "course.no_next_session")));
    size_t session_count = 0;
    for (const auto& [code, sessions] : by_place) session_count += sessions.size();
    dict.SetValue("SESSIONS_TAB", M().Format(lang, "course.sessions_tab",
                                             {{"n", std::to_string(session_count)}}));
    if (by_place.empty()) dict.ShowSection("NO_SESSIONS");
    std::vector<std::string> order;
    if (by_place.contains(lieu)) order.push_back(lieu);
    for (const auto& [code, sessions] : by_place)
      if (code != lieu) order.push_back(code);
    int index = 0;
    for (const std::string& code : order) {
      std::vector<const core::Session*> sessions = by_place[code];
      std::sort(sessions.begin(), sessions.end(),
                [](const core::Session* a, const core::Session* b) { return a->start < b->start; });
      TemplateDictionary* group = dict.AddSectionDictionary("PLACE_GROUP");
      group->SetIntValue("INDEX", ++index);
      const core::Commune* commune = geo.FindCommune(code);
      group->SetValue("CAPTION", commune ? core::CommuneLabel(*commune)
                                         : std::string(M().Text(lang, "course.remote_sessions")));
      if (!lieu.empty() && code == lieu) group->ShowSection("HIGHLIGHT");
      for (const core::Session* s : sessions) {
        TemplateDictionary* row = group->AddSectionDictionary("SESSION");
        row->SetValue("DATES", M().Format(lang, "session.dates_value",
                                          {{"start", core::DateLabel(s->start, lang)},
                                           {"end", core::DateLabel(s->end, lang)}}));
        row->SetValue("ADDRESS", s->address.empty() ? std::string(M().Text(lang, "course.remote_address"))
                                                    : s->address + (commune ? ", " + commune->name : ""));
        row->SetValue("ENROLMENT", M().Format(lang, "session.enrolment_value",
                                              {{"opens", core::DateLabel(s->enrolment_opens, lang)},
                                               {"closes", core::DateLabel(s->enrolment_closes, lang)}}));
        row->SetValue("CAPACITY", M().Format(lang, "session.capacity_value",
                                             {{"n", std::to_string(s->capacity)}}));
        core::RecruitmentState state = core::RecruitmentOn(*s, today);
        row->SetValue("STATE", Tpl(core::RecruitmentLabel(state, lang)));
        row->SetValue("STATE_CLASS", Tpl(StatusClass(state)));
      }
    }

    AddField(dict, lang, "course.objectives", course->objectives);
    AddField(dict, lang, "course.content", course->content);
    AddField(dict, lang, "course.prerequisites", course->prerequisites);
    AddField(dict, lang, "course.target_public", course->target_public);
    AddField(dict, lang, "course.access_modalities", course->access_modalities);
    AddField(dict, lang, "course.teaching_methods", course->teaching_methods);
    AddField(dict, lang, "course.assessment_methods", course->assessment_methods);
    AddField(dict, lang, "course.accessibility", course->accessibility);
    std::string certification =
        course->certification_level == 0
            ? std::string(M().Text(lang, "course.no_certification"))
            : M().Format(lang, "course.certification_value",
                         {{"title", course->certification_title},
                          {"level", core::LevelLabel(course->certification_level, lang)},
                          {"rncp", course->rncp_code}});
    AddField(dict, lang, "course.certification", certification);

    if (org) FillContactRows(dict, *org, geo, lang);
    dict.SetValue("LABEL_TEXT", M().Format(lang, "course.label_text",
                                           {{"state", std::string(core::LabelStateLabel(course->label_state, lang))},
                                            {"granted", core::DateLabel(course->label_granted_on, lang)},
                                            {"expires", core::DateLabel(course->label_expires_on, lang)}}));
  });
}

}  // namespace tremplin::site
