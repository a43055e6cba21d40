#include "api/json_views.h"

#include "api/json_writer.h"
#include "core/labels.h"

namespace tremplin::api {
using core::Lang;

namespace {

const core::Messages& M() { return core::Messages::Builtin(); }

void DateField(JsonWriter& w, std::string_view key, const std::optional<core::Date>& date) {
  w.Key(key);
  if (date) w.String(date->ToIso());
  else w.Null();
}

void CommuneFields(JsonWriter& w, const core::Commune& c, const core::Geography& geo) {
  w.Field("commune_code", c.code);
  w.Field("commune_name", c.name);
  w.Field("department_code", c.department_code);
  const core::Department* d = geo.FindDepartment(c.department_code);
  w.NullableField("department_name", d ? std::string_view(d->name) : "");
  w.Field("region_code", c.region_code);
  const core::Region* r = geo.FindRegion(c.region_code);
  w.NullableField("region_name", r ? std::string_view(r->name) : "");
  w.Key("lat");
  if (c.point) w.Double(c.point->lat, 5);
  else w.Null();
  w.Key("lon");
  if (c.point) w.Double(c.point->lon, 5);
  else w.Null();
}

// "place": a commune's object, or null.
void PlaceField(JsonWriter& w, const core::Commune* c, const core::Geography& geo) {
  w.Key("place");
  if (!c) {
    w.Null();
    return;
  }
  w.BeginObject();
  CommuneFields(w, *c, geo);
  w.EndObject();
}

void FamilyField(JsonWriter& w, const std::string& id, const core::Taxonomy& taxonomy, Lang lang) {
  const core::Family* f = taxonomy.FindFamily(id);
  w.Key("family");
  w.BeginObject();
  w.Field("id", id);
  w.Field("name", f ? core::Name(*f, lang) : std::string_view(id));
  w.EndObject();
}

void ProfessionsField(JsonWriter& w, const std::vector<std::string>& ids,
                      const core::Taxonomy& taxonomy, Lang lang) {
  w.Key("professions");
  w.BeginArray();
  for (const std::string& id : ids) {
    const core::Profession* p = taxonomy.FindProfession(id);
    w.BeginObject();
    w.Field("id", id);
    w.Field("name", p ? core::Name(*p, lang) : std::string_view(id));
    w.Key("rome_codes");
    w.BeginArray();
    if (p)
      for (std::string_view code : p->rome_codes) w.String(code);
    w.EndArray();
    w.EndObject();
  }
  w.EndArray();
}

void SessionObject(JsonWriter& w, const core::Session& s, const core::Geography& geo,
                   core::Date today, Lang lang) {
  w.BeginObject();
  w.Field("id", s.id);
  w.Field("start", s.start.ToIso());
  w.Field("end", s.end.ToIso());
  w.Field("enrolment_opens", s.enrolment_opens.ToIso());
  w.Field("enrolment_closes", s.enrolment_closes.ToIso());
  w.Field("capacity", s.capacity);
  core::RecruitmentState recruitment = core::RecruitmentOn(s, today);
  w.Field("recruitment", core::ToString(recruitment));
  w.Field("recruitment_label", core::RecruitmentLabel(recruitment, lang));
  w.Field("remote", s.commune_code.empty());
  w.Field("address", s.address);
  PlaceField(w, s.commune_code.empty() ? nullptr : geo.FindCommune(s.commune_code), geo);
  w.EndObject();
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

void PlaceUnderstood(JsonWriter& w, const search::SearchParams& params, const core::Geography& geo) {
  const core::Place& p = params.query.place;
  w.Key("place");
  w.BeginObject();
  w.Field("query", params.where);
  w.Field("kind", core::ToString(p.kind));
  w.Field("matched_by", core::ToString(p.match));
  w.Field("parameter", p.Parameter());
  w.NullableField("code", p.code);
  w.NullableField("name", p.name);
  w.Field("label", core::PlaceLabel(p));
  if (p.point) {
    w.Key("lat");
    w.Double(p.point->lat, 5);
    w.Key("lon");
    w.Double(p.point->lon, 5);
  }
  w.Key("alternatives");
  w.BeginArray();
  for (const std::string& code : p.alternatives) {
    if (const core::Commune* c = geo.FindCommune(code)) {
      w.BeginObject();
      w.Field("code", c->code);
      w.Field("label", core::CommuneLabel(*c));
      w.EndObject();
    }
  }
  w.EndArray();
  w.EndObject();
}

std::string FacetLabel(const std::string& facet, const std::string& value,
                       const search::Catalogue& catalogue, Lang lang) {
  const core::Geography& geo = catalogue.geography();
  const core::Taxonomy& taxonomy = catalogue.taxonomy();
  if (facet == "family") {
    if (const core::Family* f = taxonomy.FindFamily(value)) return std::string(core::Name(*f, lang));
  } else if (facet == "profession") {
    if (const core::Profession* p = taxonomy.FindProfession(value)) return std::string(core::Name(*p, lang));
  } else if (facet == "mode") {
    if (auto m = core::ParseDeliveryMode(value)) return std::string(core::ModeLabel(*m, lang));
  } else if (facet == "region") {
    if (const core::Region* r = geo.FindRegion(value)) return r->name;
  } else if (facet == "department") {
    if (const core::Department* d = geo.FindDepartment(value)) return d->name + " (" + d->code + ")";
  } else if (facet == "level") {
    return core::LevelLabel(std::atoi(value.c_str()), lang);
  } else if (facet == "max_months") {
    return M().Format(lang, "facet.max_months_value", {{"n", value}});
  }
  return value;
}

void ExplanationField(JsonWriter& w, const search::Explanation& e, const search::Hit& hit) {
  w.Key("explain");
  w.BeginObject();
  w.Field("criteria",
          "words_matched desc, typos asc, proximity asc, field_weight desc, exact_words desc, "
          "next_start asc, distance_km asc, course id asc, commune asc");
  w.Field("words_matched", e.words_matched);
  w.Field("words_in_query", e.words_in_query);
  w.Field("typos", e.typos);
  w.Field("proximity", e.proximity);
  w.Field("field_weight", e.field_weight);
  w.Field("exact_words", e.exact_words);
  w.Key("words");
  w.BeginArray();
  for (const auto& t : e.terms) {
    w.BeginObject();
    w.Field("query_word", t.query_word);
    w.NullableField("matched_word", t.matched_word);
    w.NullableField("match", t.kind);
    w.Field("typos", t.typos);
    w.NullableField("field", t.field);
    w.EndObject();
  }
  w.EndArray();
  DateField(w, "next_start", hit.next_start);
  w.Key("distance_km");
  if (hit.distance_km) w.Double(*hit.distance_km, 3);
  else w.Null();
  w.EndObject();
}

}  // namespace

std::string SearchResultJson(const search::SearchParams& params, const search::SearchResult& result,
                             const search::Catalogue& catalogue, Lang lang) {
  const search::SearchQuery& q = params.query;
  const core::Geography& geo = catalogue.geography();
  JsonWriter w;
  w.BeginObject();
  w.Field("total", result.total);
  w.Field("nearby_total", result.nearby_total);
  w.Field("remote_total", result.remote_total);
  w.Field("page", q.page);
  w.Field("per_page", q.per_page);
  w.Field("pages", (result.total + q.per_page - 1) / q.per_page);
  w.Field("sort", search::ToString(result.sort));
  w.Field("query", params.text);
  PlaceUnderstood(w, params, geo);
  w.Key("radius");
  if (q.place.kind == core::PlaceKind::kCommune) {
    w.BeginObject();
    w.Key("requested_km");
    w.Double(q.radius_km, 3);
    w.Key("used_km");
    w.Double(result.radius_km, 3);
    w.Field("widened", result.radius_widened);
    w.EndObject();
  } else {
    w.Null();
  }

  w.Key("results");
  w.BeginArray();
  for (const search::Hit& hit : result.hits) {
    const core::Course* course = catalogue.FindCourse(hit.course_id);
    if (!course) continue;
    const core::Organisation* org = catalogue.FindOrganisation(course->organisation_id);
    w.BeginObject();
    w.Field("id", course->id);
    w.Field("title", course->title);
    w.Field("summary", course->summary);
    w.Key("organisation");
    w.BeginObject();
    w.Field("id", course->organisation_id);
    w.Field("name", org ? std::string_view(org->name) : "");
    w.Field("demo", org && org->is_demo);
    w.EndObject();
    FamilyField(w, course->family_id, catalogue.taxonomy(), lang);
    ProfessionsField(w, course->profession_ids, catalogue.taxonomy(), lang);
    w.Field("mode", core::ToString(course->mode));
    w.Field("mode_label", core::ModeLabel(course->mode, lang));
    w.Field("remote", hit.remote);
    w.Key("duration_months");
    w.Double(course->DurationMonths(), 1);
    w.Field("duration_label", core::DurationLabel(course->duration_weeks, lang));
    w.Field("certification_level", course->certification_level);
    PlaceField(w, hit.remote ? nullptr : geo.FindCommune(hit.commune_code), geo);
    w.Key("distance_km");
    if (hit.distance_km) w.Double(*hit.distance_km, 1);
    else w.Null();
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
    w.Key("next_session");
    if (next) SessionObject(w, *next, geo, q.today, lang);
    else w.Null();
    w.Key("score");
    w.Double(hit.score, 3);
    if (hit.explanation) ExplanationField(w, *hit.explanation, hit);
    w.Field("url", CourseUrl(course->id, hit.commune_code, lang));
    w.EndObject();
  }
  w.EndArray();

  w.Key("facets");
  w.BeginObject();
  for (const auto& [name, counts] : result.facets) {
    w.Key(name);
    w.BeginArray();
    for (const search::FacetCount& fc : counts) {
      w.BeginObject();
      w.Field("value", fc.value);
      w.Field("label", FacetLabel(name, fc.value, catalogue, lang));
      w.Field("count", fc.count);
      w.EndObject();
    }
    w.EndArray();
  }
  w.EndObject();
  w.EndObject();
  return w.Take();
}

std::string CourseJson(const core::Course& course, const search::Catalogue& catalogue,
                       core::Date today, Lang lang) {
  const core::Geography& geo = catalogue.geography();
  JsonWriter w;
  w.BeginObject();
  w.Field("id", course.id);
  w.Field("title", course.title);
  w.Field("summary", course.summary);
  w.Field("objectives", course.objectives);
  w.Field("content", course.content);
  w.Field("prerequisites", course.prerequisites);
  w.Field("target_public", course.target_public);
  w.Field("access_modalities", course.access_modalities);
  w.Field("teaching_methods", course.teaching_methods);
  w.Field("assessment_methods", course.assessment_methods);
  w.Field("accessibility", course.accessibility);
  FamilyField(w, course.family_id, catalogue.taxonomy(), lang);
  ProfessionsField(w, course.profession_ids, catalogue.taxonomy(), lang);
  w.Key("certification");
  w.BeginObject();
  w.NullableField("rncp_code", course.rncp_code);
  w.Field("title", course.certification_title);
  w.Field("level", course.certification_level);
  w.Field("level_label", core::LevelLabel(course.certification_level, lang));
  w.EndObject();
  w.Field("mode", core::ToString(course.mode));
  w.Field("mode_label", core::ModeLabel(course.mode, lang));
  w.Field("duration_hours", course.duration_hours);
  w.Field("duration_weeks", course.duration_weeks);
  w.Key("duration_months");
  w.Double(course.DurationMonths(), 1);
  w.Field("cost_to_learner_cents", course.cost_to_learner_cents);
  w.Field("cost_label", core::MoneyLabel(course.cost_to_learner_cents, lang));
  w.Key("label");
  w.BeginObject();
  w.Field("state", core::ToString(course.label_state));
  w.Field("state_label", core::LabelStateLabel(course.label_state, lang));
  w.Field("granted_on", course.label_granted_on.ToIso());
  w.Field("expires_on", course.label_expires_on.ToIso());
  w.Field("valid", course.label_state != core::LabelState::kWithdrawn &&
                       course.label_expires_on >= today);
  w.EndObject();
  if (const core::Organisation* org = catalogue.FindOrganisation(course.organisation_id)) {
    w.Key("organisation");
    w.BeginObject();
    w.Field("id", org->id);
    w.Field("name", org->name);
    w.Field("siret", org->siret);
    w.Field("website", org->website);
    w.Field("email", org->email);
    w.Field("phone", org->phone);
    w.Field("qualiopi_certified", org->qualiopi_certified);
    w.Field("demo", org->is_demo);
    w.Field("url", "/organismes/" + std::to_string(org->id) + (lang == Lang::kEn ? "?lang=en" : ""));
    w.EndObject();
  }
  w.Key("sessions");
  w.BeginArray();
  for (const core::Session& s : course.sessions) SessionObject(w, s, geo, today, lang);
  w.EndArray();
  w.Field("url", CourseUrl(course.id, "", lang));
  w.EndObject();
  return w.Take();
}

std::string PlacesJson(const std::vector<core::PlaceSuggestion>& suggestions, Lang lang) {
  JsonWriter w;
  w.BeginObject();
  w.Key("results");
  w.BeginArray();
  for (const core::PlaceSuggestion& s : suggestions) {
    w.BeginObject();
    w.Field("kind", core::ToString(s.kind));
    w.Field("code", s.code);
    w.Field("value", s.value);
    switch (s.kind) {
      case core::PlaceKind::kCommune:
        w.Field("label", s.name + " (" + s.department_code + ")");
        w.Field("detail", s.postcodes);
        break;
      case core::PlaceKind::kDepartment:
        w.Field("label", s.name + " (" + s.department_code + ")");
        w.Field("detail", M().Text(lang, "place.kind.department"));
        break;
      default:
        w.Field("label", s.name);
        w.Field("detail", M().Text(lang, "place.kind.region"));
    }
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  return w.Take();
}

std::string TaxonomyJson(const core::Taxonomy& taxonomy, Lang lang) {
  JsonWriter w;
  w.BeginObject();
  w.Key("families");
  w.BeginArray();
  for (const core::Family& f : taxonomy.families()) {
    w.BeginObject();
    w.Field("id", f.id);
    w.Field("name", core::Name(f, lang));
    w.Key("professions");
    w.BeginArray();
    for (const core::Profession* p : taxonomy.ProfessionsOf(f.id)) {
      w.BeginObject();
      w.Field("id", p->id);
      w.Field("name", core::Name(*p, lang));
      w.Key("rome_codes");
      w.BeginArray();
      for (std::string_view code : p->rome_codes) w.String(code);
      w.EndArray();
      w.Key("synonyms");
      w.BeginArray();
      for (std::string_view s : p->synonyms) w.String(s);
      w.EndArray();
      w.EndObject();
    }
    w.EndArray();
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  return w.Take();
}

std::string ErrorJson(const std::vector<core::Error>& errors, Lang lang) {
  auto error_object = [&](JsonWriter& w, const core::Error& e) {
    w.BeginObject();
    w.Field("code", e.id);
    w.Field("message", M().ErrorText(lang, e));
    w.NullableField("field", e.field);
    w.EndObject();
  };
  JsonWriter w;
  w.BeginObject();
  w.Key("error");
  if (errors.empty()) w.Null();
  else error_object(w, errors.front());
  w.Key("errors");
  w.BeginArray();
  for (const core::Error& e : errors) error_object(w, e);
  w.EndArray();
  w.EndObject();
  return w.Take();
}

}  // namespace tremplin::api
