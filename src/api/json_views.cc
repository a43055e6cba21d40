#include "api/json_views.h"

#include <cmath>

#include "core/labels.h"

namespace tremplin::api {
namespace json = boost::json;
using core::Lang;

namespace {

double Round(double value, int decimals) {
  double f = std::pow(10.0, decimals);
  return std::round(value * f) / f;
}

json::value DateOrNull(const std::optional<core::Date>& date) {
  if (!date) return nullptr;
  return json::string(date->ToIso());
}

json::object CommuneJson(const core::Commune& c, const core::Geography& geo) {
  json::object o;
  o["commune_code"] = c.code;
  o["commune_name"] = c.name;
  o["department_code"] = c.department_code;
  const core::Department* d = geo.FindDepartment(c.department_code);
  o["department_name"] = d ? json::value(d->name) : json::value(nullptr);
  o["region_code"] = c.region_code;
  const core::Region* r = geo.FindRegion(c.region_code);
  o["region_name"] = r ? json::value(r->name) : json::value(nullptr);
  if (c.point) {
    o["lat"] = Round(c.point->lat, 5);
    o["lon"] = Round(c.point->lon, 5);
  } else {
    o["lat"] = nullptr;
    o["lon"] = nullptr;
  }
  return o;
}

json::object IdName(std::string_view id, std::string_view name) {
  return json::object{{"id", id}, {"name", name}};
}

json::object FamilyJson(const std::string& id, const core::Taxonomy& taxonomy, Lang lang) {
  const core::Family* f = taxonomy.FindFamily(id);
  return IdName(id, f ? core::Name(*f, lang) : std::string_view(id));
}

json::array ProfessionsJson(const std::vector<std::string>& ids, const core::Taxonomy& taxonomy,
                            Lang lang) {
  json::array out;
  for (const std::string& id : ids) {
    const core::Profession* p = taxonomy.FindProfession(id);
    json::object o = IdName(id, p ? core::Name(*p, lang) : std::string_view(id));
    if (p) {
      json::array rome;
      for (std::string_view code : p->rome_codes) rome.emplace_back(code);
      o["rome_codes"] = std::move(rome);
    }
    out.push_back(std::move(o));
  }
  return out;
}

json::object SessionJson(const core::Session& s, const core::Geography& geo, core::Date today,
                         Lang lang) {
  json::object o;
  o["id"] = s.id;
  o["start"] = s.start.ToIso();
  o["end"] = s.end.ToIso();
  o["enrolment_opens"] = s.enrolment_opens.ToIso();
  o["enrolment_closes"] = s.enrolment_closes.ToIso();
  o["capacity"] = s.capacity;
  core::RecruitmentState recruitment = core::RecruitmentOn(s, today);
  o["recruitment"] = core::ToString(recruitment);
  o["recruitment_label"] = core::RecruitmentLabel(recruitment, lang);
  o["remote"] = s.commune_code.empty();
  o["address"] = s.address;
  const core::Commune* c = s.commune_code.empty() ? nullptr : geo.FindCommune(s.commune_code);
  o["place"] = c ? json::value(CommuneJson(*c, geo)) : json::value(nullptr);
  return o;
}

std::string CourseUrl(int64_t id, const std::string& commune_code, Lang lang) {
  std::string url = "/formations/" + std::to_string(id);
  std::string sep = "?";
  if (!commune_code.empty()) {
    url += "?lieu=" + commune_code;
    sep = "&";
  }
  if (lang == Lang::kEn) url += sep + "lang=en";
  return url;
}

json::object PlaceUnderstoodJson(const search::SearchParams& params, const core::Geography& geo) {
  const core::Place& p = params.query.place;
  json::object o;
  o["query"] = params.where;
  o["kind"] = core::ToString(p.kind);
  o["matched_by"] = core::ToString(p.match);
  o["parameter"] = p.Parameter();
  o["code"] = p.code.empty() ? json::value(nullptr) : json::value(p.code);
  o["name"] = p.name.empty() ? json::value(nullptr) : json::value(p.name);
  o["label"] = core::PlaceLabel(p);
  if (p.point) {
    o["lat"] = Round(p.point->lat, 5);
    o["lon"] = Round(p.point->lon, 5);
  }
  json::array alternatives;
  for (const std::string& code : p.alternatives) {
    if (const core::Commune* c = geo.FindCommune(code))
      alternatives.push_back(json::object{{"code", c->code}, {"label", core::CommuneLabel(*c)}});
  }
  o["alternatives"] = std::move(alternatives);
  return o;
}

// The ranking criteria of one result, in the order they are compared.
json::object ExplanationJson(const search::Explanation& e, const search::Hit& hit) {
  json::object o;
  o["criteria"] = "words_matched desc, typos asc, proximity asc, field_weight desc, "
                  "exact_words desc, next_start asc, distance_km asc, course id asc, commune asc";
  o["words_matched"] = e.words_matched;
  o["words_in_query"] = e.words_in_query;
  o["typos"] = e.typos;
  o["proximity"] = e.proximity;
  o["field_weight"] = e.field_weight;
  o["exact_words"] = e.exact_words;
  json::array terms;
  for (const auto& t : e.terms) {
    json::object term;
    term["query_word"] = t.query_word;
    term["matched_word"] = t.matched_word.empty() ? json::value(nullptr) : json::value(t.matched_word);
    term["match"] = t.kind.empty() ? json::value(nullptr) : json::value(t.kind);
    term["typos"] = t.typos;
    term["field"] = t.field.empty() ? json::value(nullptr) : json::value(t.field);
    terms.push_back(std::move(term));
  }
  o["words"] = std::move(terms);
  o["next_start"] = DateOrNull(hit.next_start);
  o["distance_km"] = hit.distance_km ? json::value(Round(*hit.distance_km, 3)) : json::value(nullptr);
  return o;
}

json::object FacetsJson(const search::SearchResult& result, const search::Catalogue& catalogue,
                        Lang lang) {
  const core::Geography& geo = catalogue.geography();
  const core::Taxonomy& taxonomy = catalogue.taxonomy();
  const core::Messages& messages = core::Messages::Builtin();
  json::object facets;
  for (const auto& [name, counts] : result.facets) {
    json::array values;
    for (const search::FacetCount& fc : counts) {
      std::string label = fc.value;
      if (name == "family") {
        if (const core::Family* f = taxonomy.FindFamily(fc.value)) label = core::Name(*f, lang);
      } else if (name == "profession") {
        if (const core::Profession* p = taxonomy.FindProfession(fc.value)) label = core::Name(*p, lang);
      } else if (name == "mode") {
        if (auto m = core::ParseDeliveryMode(fc.value)) label = core::ModeLabel(*m, lang);
      } else if (name == "region") {
        if (const core::Region* r = geo.FindRegion(fc.value)) label = r->name;
      } else if (name == "department") {
        if (const core::Department* d = geo.FindDepartment(fc.value))
          label = d->name + " (" + d->code + ")";
      } else if (name == "level") {
        label = core::LevelLabel(std::stoi(fc.value), lang);
      } else if (name == "max_months") {
        label = messages.Format(lang, "facet.max_months_value", {{"n", fc.value}});
      }
      values.push_back(json::object{{"value", fc.value}, {"label", label}, {"count", fc.count}});
    }
    facets[name] = std::move(values);
  }
  return facets;
}

}  // namespace

json::object SearchResultJson(const search::SearchParams& params,
                              const search::SearchResult& result,
                              const search::Catalogue& catalogue, Lang lang) {
  const search::SearchQuery& q = params.query;
  const core::Geography& geo = catalogue.geography();
  json::object o;
  o["total"] = result.total;
  o["nearby_total"] = result.nearby_total;
  o["remote_total"] = result.remote_total;
  o["page"] = q.page;
  o["per_page"] = q.per_page;
  o["pages"] = (result.total + q.per_page - 1) / q.per_page;
  o["sort"] = search::ToString(result.sort);
  o["query"] = params.text;
  o["place"] = PlaceUnderstoodJson(params, geo);
  if (q.place.kind == core::PlaceKind::kCommune) {
    o["radius"] = json::object{{"requested_km", q.radius_km},
                               {"used_km", result.radius_km},
                               {"widened", result.radius_widened}};
  } else {
    o["radius"] = nullptr;
  }

  json::array results;
  for (const search::Hit& hit : result.hits) {
    const core::Course* course = catalogue.FindCourse(hit.course_id);
    if (!course) continue;
    const core::Organisation* org = catalogue.FindOrganisation(course->organisation_id);
    json::object r;
    r["id"] = course->id;
    r["title"] = course->title;
    r["summary"] = course->summary;
    r["organisation"] = json::object{{"id", course->organisation_id},
                                     {"name", org ? std::string_view(org->name) : ""},
                                     {"demo", org && org->is_demo}};
    r["family"] = FamilyJson(course->family_id, catalogue.taxonomy(), lang);
    r["professions"] = ProfessionsJson(course->profession_ids, catalogue.taxonomy(), lang);
    r["mode"] = core::ToString(course->mode);
    r["mode_label"] = core::ModeLabel(course->mode, lang);
    r["remote"] = hit.remote;
    r["duration_months"] = course->DurationMonths();
    r["duration_label"] = core::DurationLabel(course->duration_weeks, lang);
    r["certification_level"] = course->certification_level;
    const core::Commune* c = hit.remote ? nullptr : geo.FindCommune(hit.commune_code);
    r["place"] = c ? json::value(CommuneJson(*c, geo)) : json::value(nullptr);
    r["distance_km"] = hit.distance_km ? json::value(Round(*hit.distance_km, 1)) : json::value(nullptr);
    // The next session at this place (or remote), on or after the date asked.
    const core::Session* next = nullptr;
    for (const core::Session& s : course->sessions) {
      bool here = hit.remote ? s.commune_code.empty() || course->mode == core::DeliveryMode::kRemote
                           : s.commune_code == hit.commune_code;
      if (here && hit.next_start && s.start == *hit.next_start) {
        next = &s;
        break;
      }
    }
    r["next_session"] = next ? json::value(SessionJson(*next, geo, q.today, lang)) : json::value(nullptr);
    r["score"] = Round(hit.score, 3);
    if (hit.explanation) r["explain"] = ExplanationJson(*hit.explanation, hit);
    r["url"] = CourseUrl(course->id, hit.commune_code, lang);
    results.push_back(std::move(r));
  }
  o["results"] = std::move(results);
  o["facets"] = FacetsJson(result, catalogue, lang);
  return o;
}

json::object CourseJson(const core::Course& course, const search::Catalogue& catalogue,
                        core::Date today, Lang lang) {
  const core::Geography& geo = catalogue.geography();
  json::object o;
  o["id"] = course.id;
  o["title"] = course.title;
  o["summary"] = course.summary;
  o["objectives"] = course.objectives;
  o["content"] = course.content;
  o["prerequisites"] = course.prerequisites;
  o["target_public"] = course.target_public;
  o["access_modalities"] = course.access_modalities;
  o["teaching_methods"] = course.teaching_methods;
  o["assessment_methods"] = course.assessment_methods;
  o["accessibility"] = course.accessibility;
  o["family"] = FamilyJson(course.family_id, catalogue.taxonomy(), lang);
  o["professions"] = ProfessionsJson(course.profession_ids, catalogue.taxonomy(), lang);
  json::object certification;
  certification["rncp_code"] = course.rncp_code.empty() ? json::value(nullptr) : json::value(course.rncp_code);
  certification["title"] = course.certification_title;
  certification["level"] = course.certification_level;
  certification["level_label"] = core::LevelLabel(course.certification_level, lang);
  o["certification"] = std::move(certification);
  o["mode"] = core::ToString(course.mode);
  o["mode_label"] = core::ModeLabel(course.mode, lang);
  o["duration_hours"] = course.duration_hours;
  o["duration_weeks"] = course.duration_weeks;
  o["duration_months"] = course.DurationMonths();
  o["cost_to_learner_cents"] = course.cost_to_learner_cents;
  o["cost_label"] = core::MoneyLabel(course.cost_to_learner_cents, lang);
  json::object label;
  label["state"] = core::ToString(course.label_state);
  label["state_label"] = core::LabelStateLabel(course.label_state, lang);
  label["granted_on"] = course.label_granted_on.ToIso();
  label["expires_on"] = course.label_expires_on.ToIso();
  label["valid"] = course.label_state != core::LabelState::kWithdrawn &&
                   course.label_expires_on >= today;
  o["label"] = std::move(label);
  if (const core::Organisation* org = catalogue.FindOrganisation(course.organisation_id)) {
    json::object organisation;
    organisation["id"] = org->id;
    organisation["name"] = org->name;
    organisation["siret"] = org->siret;
    organisation["website"] = org->website;
    organisation["email"] = org->email;
    organisation["phone"] = org->phone;
    organisation["qualiopi_certified"] = org->qualiopi_certified;
    organisation["demo"] = org->is_demo;
    organisation["url"] = "/organismes/" + std::to_string(org->id) + (lang == Lang::kEn ? "?lang=en" : "");
    o["organisation"] = std::move(organisation);
  }
  json::array sessions;
  for (const core::Session& s : course.sessions) sessions.push_back(SessionJson(s, geo, today, lang));
  o["sessions"] = std::move(sessions);
  o["url"] = CourseUrl(course.id, "", lang);
  return o;
}

json::object PlacesJson(const std::vector<core::PlaceSuggestion>& suggestions, Lang lang) {
  const core::Messages& messages = core::Messages::Builtin();
  json::array results;
  for (const core::PlaceSuggestion& s : suggestions) {
    json::object o;
    o["kind"] = core::ToString(s.kind);
    o["code"] = s.code;
    o["value"] = s.value;
    switch (s.kind) {
      case core::PlaceKind::kCommune:
        o["label"] = s.name + " (" + s.department_code + ")";
        o["detail"] = s.postcodes;
        break;
      case core::PlaceKind::kDepartment:
        o["label"] = s.name + " (" + s.department_code + ")";
        o["detail"] = messages.Text(lang, "place.kind.department");
        break;
      default:
        o["label"] = s.name;
        o["detail"] = messages.Text(lang, "place.kind.region");
    }
    results.push_back(std::move(o));
  }
  return json::object{{"results", std::move(results)}};
}

json::object ErrorJson(const std::vector<core::Error>& errors, Lang lang) {
  const core::Messages& messages = core::Messages::Builtin();
  json::array all;
  for (const core::Error& e : errors) {
    json::object o;
    o["code"] = e.id;
    o["message"] = messages.ErrorText(lang, e);
    o["field"] = e.field.empty() ? json::value(nullptr) : json::value(e.field);
    all.push_back(std::move(o));
  }
  json::object out;
  out["error"] = all.empty() ? json::value(nullptr) : all.front();
  out["errors"] = std::move(all);
  return out;
}

}  // namespace tremplin::api
