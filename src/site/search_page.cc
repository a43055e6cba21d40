#include "site/search_page.h"

#include <algorithm>
#include <cmath>

#include "core/labels.h"
#include "search/search_params.h"
#include "site/course_card.h"
#include "site/search_form.h"
#include "site/search_state.h"
#include "site/spelling.h"
#include "site/templates.h"
#include "site/urls.h"
#include "text/utf8.h"
#include "web/language.h"

namespace tremplin::site {
namespace {

using ctemplate::TemplateDictionary;
using core::Lang;

const core::Messages& M() { return core::Messages::Builtin(); }

std::string CountText(int n, Lang lang, const char* zero, const char* one, const char* many) {
  const char* key = n == 0 ? zero : n == 1 ? one : many;
  return M().Format(lang, key, {{"n", std::to_string(n)}});
}

std::string PlaceSentence(const search::SearchQuery& q, double radius_km, Lang lang) {
  const core::Place& p = q.place;
  switch (p.kind) {
    case core::PlaceKind::kFrance: return std::string(M().Text(lang, "results.place_france"));
    case core::PlaceKind::kRegion: return M().Format(lang, "results.place_region", {{"name", p.name}});
    case core::PlaceKind::kDepartment:
      return M().Format(lang, "results.place_department", {{"name", core::PlaceLabel(p)}});
    case core::PlaceKind::kCommune:
      return M().Format(lang, "results.place_commune",
                        {{"name", core::PlaceLabel(p)},
                         {"radius", FormatNumber(radius_km)}});
  }
  return "";
}

void AddHiddenState(TemplateDictionary& dict, const SearchState& state,
                    std::initializer_list<std::string_view> keep) {
  for (const auto& [name, value] : state.params()) {
    if (std::find(keep.begin(), keep.end(), name) == keep.end()) continue;
    TemplateDictionary* s = dict.AddSectionDictionary("STATE");
    s->SetValue("NAME", name);
    s->SetValue("VALUE", value);
  }
}

int FacetCount(const search::SearchResult& r, const std::string& facet, const std::string& value) {
  auto it = r.facets.find(facet);
  if (it == r.facets.end()) return 0;
  for (const search::FacetCount& fc : it->second)
    if (fc.value == value) return fc.count;
  return 0;
}

struct Option {
  std::string value;
  std::string label;
  bool checked = false;
  std::optional<int> count;
};

// A group of checkboxes (or radios); options that would give no result are left out unless
// ticked, so that every choice leads somewhere.
void AddFacet(TemplateDictionary& dict, const std::string& name, std::string_view legend,
              std::vector<Option> options, bool radio = false) {
  std::erase_if(options, [](const Option& o) { return o.count == 0 && !o.checked; });
  if (options.empty() || (radio && options.size() == 1)) return;
  TemplateDictionary* f = dict.AddSectionDictionary("FACET");
  f->SetValue("LEGEND", Tpl(legend));
  for (const Option& o : options) {
    TemplateDictionary* d = f->AddSectionDictionary("OPTION");
    d->SetValue("TYPE", radio ? "radio" : "checkbox");
    d->SetValue("ID", "f-" + name + "-" + (o.value.empty() ? "any" : o.value));
    d->SetValue("NAME", name);
    d->SetValue("VALUE", o.value);
    d->SetValue("LABEL", o.label);
    if (o.checked) d->ShowSection("CHECKED");
    if (o.count) {
      d->SetIntValue("COUNT", *o.count);
      d->ShowSection("COUNTED");
    }
  }
}

template <typename T>
bool In(const std::vector<T>& list, const T& v) {
  return std::find(list.begin(), list.end(), v) != list.end();
}

void FillFacets(TemplateDictionary& dict, const search::SearchParams& params,
                const search::SearchResult& result, const search::Catalogue& catalogue,
                Lang lang) {
  const search::SearchQuery& q = params.query;
  const core::Taxonomy& taxonomy = catalogue.taxonomy();
  const core::Geography& geo = catalogue.geography();

  std::vector<Option> families;
  for (const core::Family& f : taxonomy.families()) {
    std::string id(f.id);
    families.push_back({id, std::string(core::Name(f, lang)), In(q.families, id),
                        FacetCount(result, "family", id)});
  }
  AddFacet(dict, "family", M().Text(lang, "filters.family"), families);

  // Professions: those of the chosen families, else the most frequent ones.
  std::vector<Option> professions;
  for (const core::Profession& p : taxonomy.professions()) {
    std::string id(p.id);
    int count = FacetCount(result, "profession", id);
    bool checked = In(q.professions, id);
    bool in_family = q.families.empty() || In(q.families, std::string(p.family_id));
    if (checked || (count > 0 && in_family))
      professions.push_back({id, std::string(core::Name(p, lang)), checked, count});
  }
  std::stable_sort(professions.begin(), professions.end(), [](const Option& a, const Option& b) {
    if (a.checked != b.checked) return a.checked;
    return *a.count > *b.count;
  });
  constexpr size_t kMaxProfessions = 12;
  if (professions.size() > kMaxProfessions) professions.resize(kMaxProfessions);
  AddFacet(dict, "profession", M().Text(lang, "filters.profession"), professions);

  std::vector<Option> modes;
  for (core::DeliveryMode m : {core::DeliveryMode::kOnSite, core::DeliveryMode::kBlended,
                               core::DeliveryMode::kRemote}) {
    std::string id(core::ToString(m));
    modes.push_back({id, std::string(core::ModeLabel(m, lang)), In(q.modes, m),
                     FacetCount(result, "mode", id)});
  }
  AddFacet(dict, "mode", M().Text(lang, "filters.mode"), modes);

  std::vector<Option> durations;
  durations.push_back({"", std::string(M().Text(lang, "filters.max_months_any")),
                       !params.max_months, std::nullopt});
  for (const char* months : {"3", "6", "12", "24"}) {
    durations.push_back({months, M().Format(lang, "facet.max_months_value", {{"n", months}}),
                         params.max_months && std::to_string(*params.max_months) == months,
                         FacetCount(result, "max_months", months)});
  }
  AddFacet(dict, "max_months", M().Text(lang, "filters.max_months"), durations, /*radio=*/true);

  std::vector<Option> levels;
  for (int level : {0, 3, 4, 5, 6, 7, 8}) {
    std::string id = std::to_string(level);
    int count = FacetCount(result, "level", id);
    bool checked = In(q.levels, level);
    if (count > 0 || checked) levels.push_back({id, core::LevelLabel(level, lang), checked, count});
  }
  AddFacet(dict, "level", M().Text(lang, "filters.level"), levels);

  if (q.place.kind == core::PlaceKind::kFrance) {
    std::vector<Option> regions;
    for (const core::Region& r : geo.regions()) {
      int count = FacetCount(result, "region", r.code);
      bool checked = In(q.regions, r.code);
      if (count > 0 || checked) regions.push_back({r.code, r.name, checked, count});
    }
    std::sort(regions.begin(), regions.end(),
              [](const Option& a, const Option& b) { return a.label < b.label; });
    AddFacet(dict, "region", M().Text(lang, "filters.region"), regions);
  }
  if (q.place.kind == core::PlaceKind::kRegion || !q.regions.empty()) {
    std::vector<Option> departments;
    for (const core::Department& d : geo.departments()) {
      bool in_scope = q.place.kind == core::PlaceKind::kRegion ? d.region_code == q.place.code
                                                               : In(q.regions, d.region_code);
      int count = FacetCount(result, "department", d.code);
      bool checked = In(q.departments, d.code);
      if (checked || (in_scope && count > 0))
        departments.push_back({d.code, d.name + " (" + d.code + ")", checked, count});
    }
    AddFacet(dict, "department", M().Text(lang, "filters.department"), departments);
  }
}

// Tags for the active filters, each a link that removes it.
int FillActiveFilters(TemplateDictionary& dict, const SearchState& state,
                      const search::Catalogue& catalogue, Lang lang) {
  TemplateDictionary* section = nullptr;
  int count = 0;
  for (const auto& [name, value] : state.params()) {
    if (!IsFilterParameter(name)) continue;
    std::string label = value;
    if (name == "family") {
      if (auto* f = catalogue.taxonomy().FindFamily(value)) label = core::Name(*f, lang);
    } else if (name == "profession") {
      if (auto* p = catalogue.taxonomy().FindProfession(value)) label = core::Name(*p, lang);
    } else if (name == "mode") {
      if (auto m = core::ParseDeliveryMode(value)) label = core::ModeLabel(*m, lang);
    } else if (name == "region") {
      if (auto* r = catalogue.geography().FindRegion(value)) label = r->name;
    } else if (name == "department") {
      if (auto* d = catalogue.geography().FindDepartment(value)) label = d->name + " (" + d->code + ")";
    } else if (name == "level") {
      label = core::LevelLabel(std::stoi(value), lang);
    } else if (name == "max_months") {
      label = M().Format(lang, "facet.max_months_value", {{"n", value}});
    } else if (name == "starts_after") {
      if (auto date = core::Date::Parse(value))
        label = M().Format(lang, "filters.starts_after_tag", {{"date", core::DateLabel(*date, lang)}});
    }
    if (!section) section = dict.AddSectionDictionary("ACTIVE_FILTERS");
    TemplateDictionary* tag = section->AddSectionDictionary("TAG");
    tag->SetValue("LABEL", label);
    tag->SetValue("URL", state.WithoutValue(name, value).Url(lang, "#resultats"));
    ++count;
  }
  return count;
}

void FillPagination(TemplateDictionary& dict, const SearchState& state, int page, int pages,
                    Lang lang) {
  if (pages <= 1) return;
  TemplateDictionary* nav = dict.AddSectionDictionary("PAGINATION");
  if (page > 1) nav->AddSectionDictionary("PREV")->SetValue("URL", state.Page(page - 1).Url(lang, "#resultats"));
  int last_shown = 0;
  for (int n = 1; n <= pages; ++n) {
    bool show = n == 1 || n == pages || std::abs(n - page) <= 1;
    if (!show) continue;
    TemplateDictionary* item = nav->AddSectionDictionary("PAGE");
    if (last_shown && n > last_shown + 1) {
      item->ShowSection("GAP");
      item = nav->AddSectionDictionary("PAGE");
    }
    TemplateDictionary* link = item->AddSectionDictionary("LINK");
    link->SetIntValue("NUMBER", n);
    link->SetValue("URL", state.Page(n).Url(lang, "#resultats"));
    if (n == page) link->ShowSection("CURRENT");
    last_shown = n;
  }
  if (page < pages) nav->AddSectionDictionary("NEXT")->SetValue("URL", state.Page(page + 1).Url(lang, "#resultats"));
}

void FillEmpty(TemplateDictionary& dict, const search::SearchParams& params,
               const SearchState& state, const search::Catalogue& catalogue, int active_filters,
               Lang lang) {
  const search::SearchQuery& q = params.query;
  TemplateDictionary* empty = dict.AddSectionDictionary("EMPTY");
  std::string place = core::PlaceLabel(q.place);
  std::string key = params.text.empty() ? (place.empty() ? "empty.title" : "empty.title_place")
                                        : (place.empty() ? "empty.title_text" : "empty.title_text_place");
  empty->SetValue("TITLE", M().Format(lang, key, {{"text", params.text}, {"place", place}}));
  auto suggest = [&](std::string text, std::string url) {
    TemplateDictionary* s = empty->AddSectionDictionary("SUGGESTION");
    if (url.empty()) {
      s->SetValueAndShowSection("TEXT", text, "PLAIN");
    } else {
      TemplateDictionary* link = s->AddSectionDictionary("URL");
      link->SetValue("URL", url);
      link->SetValue("TEXT", text);
    }
  };
  if (!params.text.empty())
    if (auto corrected = SuggestSpelling(params.text, catalogue))
      suggest(M().Format(lang, "empty.did_you_mean", {{"text", *corrected}}),
              state.With("q", *corrected).Url(lang));
  if (active_filters > 0)
    suggest(std::string(M().Text(lang, "empty.remove_filters")),
            state.WithoutFilters().Url(lang));
  if (q.place.kind != core::PlaceKind::kFrance)
    suggest(std::string(M().Text(lang, "empty.everywhere")),
            state.Without({"where", "radius_km"}).Url(lang));
  suggest(std::string(M().Text(lang, "empty.general_words")), "");
  suggest(std::string(M().Text(lang, "empty.browse_all")), SearchPageUrl(lang));
}

void FillNotices(TemplateDictionary& dict, const search::SearchParams& params,
                 const search::SearchResult& result, const search::Catalogue& catalogue,
                 Lang lang) {
  const core::Place& p = params.query.place;
  auto notice = [&](std::string text) {
    TemplateDictionary* n = dict.AddSectionDictionary("NOTICE");
    n->SetValue("TEXT", text);
    return n;
  };
  if (!p.alternatives.empty()) {
    std::string key = p.match == core::PlaceMatch::kPostcode ? "results.postcode_choice"
                                                             : "results.homonym_choice";
    TemplateDictionary* n = notice(M().Format(lang, key, {{"query", params.where},
                                                          {"place", core::PlaceLabel(p)}}));
    TemplateDictionary* alts = n->AddSectionDictionary("ALTERNATIVES");
    SearchState state(params);
    size_t shown = 0;
    for (const std::string& code : p.alternatives) {
      const core::Commune* c = catalogue.geography().FindCommune(code);
      if (!c || ++shown > 5) continue;
      TemplateDictionary* a = alts->AddSectionDictionary("ALTERNATIVE");
      a->SetValue("LABEL", core::CommuneLabel(*c));
      a->SetValue("URL", state.With("where", code).Url(lang));
    }
  }
  if (!params.unknown.empty()) {
    std::string names;
    for (const std::string& n : params.unknown) names += (names.empty() ? "" : ", ") + std::string(text::TruncateCharacters(n, 40));
    notice(M().Format(lang, "results.unknown_parameters", {{"names", names}}));
  }
  if (params.query.sort == search::SortOrder::kDistance && result.sort != search::SortOrder::kDistance)
    notice(std::string(M().Text(lang, "results.distance_needs_commune")));
  int pages = (result.total + params.query.per_page - 1) / params.query.per_page;
  if (result.total > 0 && result.hits.empty())
    notice(M().Format(lang, "results.page_out_of_range", {{"pages", std::to_string(pages)}}));
}

web::Response Render(const web::Request& req, const search::Services& services,
                     const search::SearchParams& params, Lang lang) {
  PageMeta meta;
  meta.title = std::string(M().Text(lang, "results.title"));
  meta.description = std::string(M().Text(lang, "results.description"));
  meta.content_template = "results.tpl";
  meta.has_search_form = true;
  meta.nav = PageMeta::Nav::kSearch;
  // Result pages are many and thin: only the first unfiltered one is worth indexing.
  meta.noindex = req.query.size() > 0;

  if (!params.errors.empty()) {
    meta.status = core::HttpStatus(params.errors.front().code);
    meta.title = M().Format(lang, "results.title_error", {{"title", meta.title}});
    return RenderPage(req, services, lang, meta, [&](TemplateDictionary& dict) {
      FillSearchForm(dict, params.text, params.where, "", params.query.radius_km, &params.errors,
                     lang);
      FillErrorSummary(dict, params.errors, req, lang);
    });
  }

  auto catalogue = services.catalogue.Get();
  search::SearchResult result = catalogue->Search(params.query);
  const search::SearchQuery& q = params.query;
  SearchState state(params);
  // "12 formations autour de Lille (59) – Trouver une formation labellisée": the title says
  // what the page holds, for tabs, history and screen readers.
  meta.title = M().Format(lang, "results.title_found",
                          {{"count", CountText(result.total, lang, "results.count_zero",
                                               "results.count_one", "results.count_many")},
                           {"place", PlaceSentence(q, result.radius_km, lang)},
                           {"title", meta.title}});
  return RenderPage(req, services, lang, meta, [&](TemplateDictionary& dict) {
    std::string where_shown = q.place.kind == core::PlaceKind::kFrance ? params.where
                                                                       : core::PlaceLabel(q.place);
    FillSearchForm(dict, params.text, where_shown, q.place.Parameter(), q.radius_km, nullptr, lang);
    FillNotices(dict, params, result, *catalogue, lang);
    TemplateDictionary* results = dict.AddSectionDictionary("RESULTS");
    AddHiddenState(*results, state, {"q", "where", "radius_km", "sort", "per_page"});
    FillFacets(*results, params, result, *catalogue, lang);
    int active = FillActiveFilters(*results, state, *catalogue, lang);
    if (active > 0) {
      results->ShowSection("FILTERS_OPEN");
      results->AddSectionDictionary("ACTIVE_COUNT")
          ->SetValue("ACTIVE_COUNT_TEXT", CountText(active, lang, "filters.active_zero",
                                                    "filters.active_one", "filters.active_many"));
    }
    results->SetValue("CLEAR_FILTERS_URL", state.WithoutFilters().Url(lang, "#resultats"));
    results->SetValue("STARTS_AFTER", q.starts_after ? q.starts_after->ToIso() : "");
    results->SetValue("COUNT_TEXT", CountText(result.total, lang, "results.count_zero",
                                              "results.count_one", "results.count_many"));
    std::string place = PlaceSentence(q, result.radius_km, lang);
    if (result.remote_total > 0 && q.place.kind != core::PlaceKind::kFrance)
      place += M().Format(lang, "results.place_plus_remote", {{"n", std::to_string(result.remote_total)}});
    results->AddSectionDictionary("PLACE_TEXT")->SetValue("TEXT", place);
    if (result.total > 1) {
      TemplateDictionary* sort = results->AddSectionDictionary("SORT");
      AddHiddenState(*sort, state, {"q", "where", "radius_km", "family", "profession", "mode",
                                    "region", "department", "level", "max_months",
                                    "starts_after", "per_page"});
      std::vector<search::SortOrder> sorts = {search::SortOrder::kRelevance, search::SortOrder::kStart};
      if (q.place.kind == core::PlaceKind::kCommune) sorts.insert(sorts.begin() + 1, search::SortOrder::kDistance);
      for (search::SortOrder s : sorts) {
        TemplateDictionary* o = sort->AddSectionDictionary("OPTION");
        o->SetValue("VALUE", Tpl(search::ToString(s)));
        o->SetValue("LABEL", Tpl(M().Text(lang, "sort." + std::string(search::ToString(s)))));
        if (s == result.sort) o->ShowSection("SELECTED");
      }
    }
    if (result.radius_widened && result.nearby_total > 0) {
      results->AddSectionDictionary("WIDENED")->SetValue(
          "TEXT", M().Format(lang, "results.widened",
                             {{"requested", FormatNumber(q.radius_km)},
                              {"used", FormatNumber(result.radius_km)}}));
    }
    // Remote courses come after the nearby ones: say so on page 1 when they are further on.
    bool remote_on_page = false;
    for (const search::Hit& h : result.hits)
      remote_on_page = remote_on_page || h.remote;
    if (q.page == 1 && result.remote_total > 0 && !remote_on_page && result.nearby_total > 0) {
      TemplateDictionary* hint = results->AddSectionDictionary("REMOTE_HINT");
      hint->SetValue("TEXT", CountText(result.remote_total, lang, "results.remote_hint_zero",
                                       "results.remote_hint_one", "results.remote_hint_many"));
      hint->SetValue("URL", state.Page(result.nearby_total / q.per_page + 1).Url(lang, "#a-distance"));
    }
    if (result.total == 0) FillEmpty(*results, params, state, *catalogue, active, lang);

    int position = (q.page - 1) * q.per_page;
    TemplateDictionary* group = nullptr;
    bool group_remote = false;
    for (const search::Hit& hit : result.hits) {
      const core::Course* course = catalogue->FindCourse(hit.course_id);
      ++position;
      if (!course) continue;
      if (!group || hit.remote != group_remote) {
        group = results->AddSectionDictionary("GROUP");
        group_remote = hit.remote;
        group->SetIntValue("START", hit.remote ? position - result.nearby_total : position);
        if (hit.remote) {
          group->AddSectionDictionary("REMOTE_HEADING")->SetIntValue("REMOTE_TOTAL", result.remote_total);
        }
      }
      FillCourseCard(*group->AddSectionDictionary("CARD"), *course,
                     {hit.commune_code, hit.distance_km, hit.next_start}, *catalogue, lang);
    }
    FillPagination(*results, state, q.page, (result.total + q.per_page - 1) / q.per_page, lang);
  });
}

}  // namespace

web::Response SearchPage(const web::Request& req, const search::Services& services) {
  Lang lang = web::RequestLang(req);
  // where_label: the visible text of the place field, sent by the autocomplete script
  // alongside the chosen place's code in `where`.
  search::SearchParams params = search::ParseSearchParams(
      req.query, services.places, services.taxonomy, services.today(), {"lang", "where_label"});
  return Render(req, services, params, lang);
}

}  // namespace tremplin::site
