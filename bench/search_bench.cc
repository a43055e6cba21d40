// Search latency on the demo catalogue (in process, one thread): place parsing, then whole
// queries — text, place, filters, facets and sort — through the search engine interface.
// Run: make bench (or build/release/bench/search_bench).
#include <benchmark/benchmark.h>

#include <cstdio>
#include <filesystem>
#include <memory>

#include "core/demo_catalogue.h"
#include "core/place.h"
#include "core/taxonomy.h"
#include "io/commune_coordinates.h"
#include "io/geography_files.h"
#include "api/json_views.h"
#include "search/search_params.h"
#include "search/catalogue.h"

namespace {

using namespace tremplin;

struct Fixture {
  core::Geography geography;
  std::unique_ptr<core::PlaceDirectory> places;
  std::unique_ptr<search::Catalogue> catalogue;
};

const Fixture& Data() {
  static const Fixture* fixture = [] {
    auto* f = new Fixture;
    std::filesystem::path npm = std::filesystem::path(TREMPLIN_SOURCE_DIR) / "node_modules";
    std::filesystem::path coords = std::filesystem::temp_directory_path() / "tremplin-bench-coords.csv";
    if (!io::BuildCommuneCoordinates(npm, coords, nullptr).ok()) std::abort();
    auto geography = io::LoadGeography(io::DecoupageDir(npm), coords, io::PostcodesFile(npm));
    if (!geography.ok()) std::abort();
    f->geography = std::move(geography).value();
    f->places = std::make_unique<core::PlaceDirectory>(f->geography);
    core::DemoOptions options;
    options.today = core::Date::FromYmd(2026, 11, 28);
    core::DemoCatalogue demo = core::GenerateDemoCatalogue(options, core::GenTaxonomy(), f->geography);
    f->catalogue = std::make_unique<search::Catalogue>(std::move(demo.organisations),
                                                       std::move(demo.courses),
                                                       core::GenTaxonomy(), f->geography);
    return f;
  }();
  return *fixture;
}

search::SearchQuery Query(const char* text, const char* where) {
  search::SearchQuery q;
  q.text = text;
  q.place = Data().places->Parse(where).value();
  q.today = core::Date::FromYmd(2026, 11, 28);
  return q;
}

void BM_ParsePlace(benchmark::State& state) {
  const char* inputs[] = {"59350", "59000", "dep:59", "Lille", "saint etienne", "Lile"};
  size_t i = 0;
  for (auto _ : state) benchmark::DoNotOptimize(Data().places->Parse(inputs[i++ % 6]));
}
BENCHMARK(BM_ParsePlace);

void BM_SuggestPlaces(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(Data().places->Suggest("sain", 8));
}
BENCHMARK(BM_SuggestPlaces);

void BM_SearchAllFrance(benchmark::State& state) {
  search::SearchQuery q = Query("", "");
  for (auto _ : state) benchmark::DoNotOptimize(Data().catalogue->Search(q));
}
BENCHMARK(BM_SearchAllFrance);

void BM_SearchWordAroundLille(benchmark::State& state) {
  search::SearchQuery q = Query("développeur", "59350");
  for (auto _ : state) benchmark::DoNotOptimize(Data().catalogue->Search(q));
}
BENCHMARK(BM_SearchWordAroundLille);

void BM_SearchPrefixInDepartmentWithFilters(benchmark::State& state) {
  search::SearchQuery q = Query("tech", "dep:75");
  q.modes = {core::DeliveryMode::kOnSite, core::DeliveryMode::kBlended};
  q.max_duration_weeks = 52;
  q.sort = search::SortOrder::kStart;
  for (auto _ : state) benchmark::DoNotOptimize(Data().catalogue->Search(q));
}
BENCHMARK(BM_SearchPrefixInDepartmentWithFilters);

void BM_SearchWidening(benchmark::State& state) {
  search::SearchQuery q = Query("data", "Aurillac");
  q.radius_km = 10;
  for (auto _ : state) benchmark::DoNotOptimize(Data().catalogue->Search(q));
}
BENCHMARK(BM_SearchWidening);

// The whole API answer but HTTP: parameters parsed, search, JSON built and serialised.
void BM_ApiSearchAnswer(benchmark::State& state) {
  const search::Parameters params = {{"q", "developpeur"}, {"where", "59350"}};
  for (auto _ : state) {
    search::SearchParams p = search::ParseSearchParams(params, *Data().places, core::GenTaxonomy(),
                                                       core::Date::FromYmd(2026, 11, 28));
    search::SearchResult r = Data().catalogue->Search(p.query);
    std::string body = api::SearchResultJson(p, r, *Data().catalogue, core::Lang::kFr);
    benchmark::DoNotOptimize(body);
  }
}
BENCHMARK(BM_ApiSearchAnswer);

// What a node does for each change it reads from the feed: a new catalogue snapshot with one
// course edited (its new title indexed), on catalogues of `sessions` sessions (the demo's 1,000
// and a national 1,000,000). Each edit builds on the previous snapshot, as on a live node.
void BM_ApplyOneCourseEdit(benchmark::State& state) {
  core::DemoOptions options = core::ScaledDemoOptions(static_cast<int>(state.range(0)), 2026,
                                                      core::Date::FromYmd(2026, 11, 28));
  core::DemoCatalogue demo = core::GenerateDemoCatalogue(options, core::GenTaxonomy(), Data().geography);
  std::shared_ptr<const search::Catalogue> current = std::make_shared<const search::Catalogue>(
      std::move(demo.organisations), std::move(demo.courses), core::GenTaxonomy(), Data().geography);
  const size_t courses = current->courses().size();
  size_t n = 0;
  for (auto _ : state) {
    core::Course edited = *current->courses()[(n * 7919) % courses];
    edited.title = "Développeur web, édition " + std::to_string(n++);
    current = current->WithChanges({.courses = {std::move(edited)}});
  }
  state.counters["courses"] = static_cast<double>(courses);
}
BENCHMARK(BM_ApplyOneCourseEdit)->Arg(1000)->Arg(1000000)->Iterations(300)->Unit(benchmark::kMillisecond);

}  // namespace

int main(int argc, char** argv) {
  Data();  // load the geography and build the catalogue before anything is timed
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
