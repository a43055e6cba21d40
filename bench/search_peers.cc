// The search comparison (make bench-search): the national-scale corpus and the mixed query set
// run through Tremplin's engine and every peer engine available here, single-threaded and in
// process. Prints latency per engine, the ratio of Tremplin to each peer, the index memory and
// build time, checks that every peer finds exactly what Tremplin finds on filter-only queries
// (exit code 1 otherwise), and ends with one summary line:
//   search: sessions=N p50_ms=… p99_ms=… qps=… best_peer=NAME ratio_vs_best_peer=…
#include <malloc.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "core/demo_catalogue.h"
#include "core/place.h"
#include "core/taxonomy.h"
#include "io/commune_coordinates.h"
#include "io/geography_files.h"
#include "peers/peer_semantics.h"
#include "peers/peers.h"
#include "search/catalogue.h"
#include "search/engine.h"
#include "search/indexed_engine.h"
#include "search/query_set.h"
#include "search/search_params.h"

namespace {

using namespace tremplin;
using Clock = std::chrono::steady_clock;

// Sessions are planned from this date and queries run on it: results never depend on the day.
const core::Date kToday = core::Date::FromYmd(2026, 3, 16);
// Distances closer than this are ties: engines may order such documents either way.
constexpr double kTieKm = 1e-6;
constexpr size_t kMaxMismatchesShown = 10;

struct Options {
  int sessions = 1'000'000;
  size_t queries = 1000;
  uint64_t seed = 2026;
  std::string peers = "all";
  int repeat = 5;       // timed passes of Tremplin's engine
  int peer_repeat = 1;  // timed passes of each peer (they are 10 to 1000 times slower)
  size_t slowest = 10;  // Tremplin's slowest queries shown
  std::string kinds;    // only the queries of these kinds (comma-separated), for profiling
  std::string npm_dir = std::string(TREMPLIN_SOURCE_DIR) + "/node_modules";
};

double Seconds(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// Heap memory in use by the process, in bytes: what the allocator has handed out and not been
// given back (resident memory would also count freed memory the allocator keeps for later).
size_t ResidentBytes() {
  struct mallinfo2 info = mallinfo2();
  return info.uordblks + info.hblkhd;
}

struct Corpus {
  core::Geography geography;
  std::vector<search::Document> documents;
  std::vector<std::string> session_communes;  // sorted, distinct
  size_t sessions = 0;
  size_t courses = 0;
};

std::optional<Corpus> LoadCorpus(const Options& options) {
  Corpus corpus;
  auto started = Clock::now();
  std::filesystem::path npm = options.npm_dir;
  std::filesystem::path coords =
      std::filesystem::temp_directory_path() / "tremplin-search-peers-coords.csv";
  core::Status built = io::BuildCommuneCoordinates(npm, coords, nullptr);
  if (!built.ok()) {
    std::fprintf(stderr, "cannot build commune coordinates from %s: %s\n", npm.c_str(),
                 core::ToLogString(built.error()).c_str());
    return std::nullopt;
  }
  core::Result<core::Geography> geography =
      io::LoadGeography(io::DecoupageDir(npm), coords, io::PostcodesFile(npm));
  std::filesystem::remove(coords);
  if (!geography.ok()) {
    std::fprintf(stderr, "cannot load the geography: %s\n",
                 core::ToLogString(geography.error()).c_str());
    return std::nullopt;
  }
  corpus.geography = std::move(geography).value();
  std::printf("geography: %zu communes in %.1f s\n", corpus.geography.communes().size(),
              Seconds(started));

  started = Clock::now();
  core::DemoCatalogue catalogue =
      core::GenerateDemoCatalogue(core::ScaledDemoOptions(options.sessions, options.seed, kToday),
                                  core::GenTaxonomy(), corpus.geography);
  double generated = Seconds(started);
  started = Clock::now();
  for (const core::Course& course : catalogue.courses) {
    corpus.sessions += course.sessions.size();
    for (const core::Session& s : course.sessions)
      if (!s.commune_code.empty()) corpus.session_communes.push_back(s.commune_code);
    const core::Organisation& organisation = catalogue.organisations[course.organisation_id - 1];
    for (search::Document& d :
         search::MakeDocuments(course, organisation, core::GenTaxonomy(), corpus.geography))
      corpus.documents.push_back(std::move(d));
  }
  corpus.courses = catalogue.courses.size();
  std::sort(corpus.session_communes.begin(), corpus.session_communes.end());
  corpus.session_communes.erase(
      std::unique(corpus.session_communes.begin(), corpus.session_communes.end()),
      corpus.session_communes.end());
  std::printf(
      "corpus (seed %llu, today %s): %zu organisations, %zu courses, %zu sessions in %zu "
      "communes, %zu documents; generated in %.1f s, documents in %.1f s\n",
      static_cast<unsigned long long>(options.seed), kToday.ToIso().c_str(),
      catalogue.organisations.size(), corpus.courses, corpus.sessions,
      corpus.session_communes.size(), corpus.documents.size(), generated, Seconds(started));
  return corpus;
}

struct Query {
  search::BenchQuery bench;
  search::SearchQuery query;
  std::string text;  // the query string, to say which one
};

// One engine's answers and times, query by query (times in seconds, mean over the passes).
struct Run {
  std::string name;
  std::vector<double> seconds;
  std::vector<std::optional<bench::PeerResult>> filter_only;  // answers to compare
  double load_seconds = 0;
  int errors = 0;
};

// Runs every query once as a warm-up (keeping the filter-only answers, made comparable by
// `compare`), then `repeat` timed passes of `search` alone.
template <typename SearchFn, typename CompareFn>
Run RunQueries(const std::string& name, const std::vector<Query>& queries, int repeat,
               SearchFn search, CompareFn compare) {
  Run run;
  run.name = name;
  run.seconds.assign(queries.size(), 0);
  run.filter_only.resize(queries.size());
  for (size_t i = 0; i < queries.size(); ++i) {
    try {
      auto result = search(queries[i].query);
      if (queries[i].bench.filter_only) run.filter_only[i] = compare(std::move(result));
    } catch (const std::exception& e) {
      if (run.errors++ < static_cast<int>(kMaxMismatchesShown))
        std::printf("  %s failed on %s: %s\n", name.c_str(), queries[i].text.c_str(), e.what());
    }
  }
  for (int pass = 0; pass < repeat; ++pass) {
    for (size_t i = 0; i < queries.size(); ++i) {
      auto started = Clock::now();
      try {
        auto result = search(queries[i].query);
        (void)result;
      } catch (const std::exception&) {
      }
      run.seconds[i] += Seconds(started) / repeat;
    }
  }
  return run;
}

double Percentile(std::vector<double> values, double p) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  size_t rank = static_cast<size_t>(std::ceil(p * static_cast<double>(values.size())));
  return values[std::clamp<size_t>(rank, 1, values.size()) - 1];
}

double Mean(const std::vector<double>& values) {
  double sum = 0;
  for (double v : values) sum += v;
  return values.empty() ? 0 : sum / static_cast<double>(values.size());
}

// Geometric mean over the queries of peer time / Tremplin time: above 1, Tremplin is faster.
double GeometricMeanRatio(const Run& peer, const Run& tremplin) {
  double log_sum = 0;
  size_t n = 0;
  for (size_t i = 0; i < peer.seconds.size(); ++i) {
    if (peer.seconds[i] <= 0 || tremplin.seconds[i] <= 0) continue;
    log_sum += std::log(peer.seconds[i] / tremplin.seconds[i]);
    ++n;
  }
  return n ? std::exp(log_sum / static_cast<double>(n)) : 0;
}

// Distance from the query's commune to a document (no commune or no point: none).
std::optional<double> DistanceKm(const search::SearchQuery& query, const search::Document& d) {
  if (query.place.kind != core::PlaceKind::kCommune || !query.place.point || !d.point)
    return std::nullopt;
  return core::DistanceKm(*query.place.point, *d.point);
}

// Same page? Position by position, except that documents whose distances tie within kTieKm
// may come in any order (as a set), and at the edges of the page any of the tied ones.
std::string PageDifference(const search::SearchQuery& query,
                           const std::vector<search::Document>& documents,
                           const std::vector<search::DocId>& expected,
                           const std::vector<search::DocId>& actual) {
  if (expected == actual) return "";
  std::ostringstream out;
  auto describe = [&] {
    out << "page: expected [";
    for (search::DocId d : expected) out << ' ' << d;
    out << " ], got [";
    for (search::DocId d : actual) out << ' ' << d;
    out << " ]";
    return out.str();
  };
  if (expected.size() != actual.size()) return describe();
  auto distance = [&](search::DocId d) { return DistanceKm(query, documents.at(d)); };
  auto ties = [&](search::DocId a, search::DocId b) {
    std::optional<double> da = distance(a), db = distance(b);
    return da && db && std::abs(*da - *db) <= kTieKm;
  };
  for (size_t begin = 0; begin < expected.size();) {
    size_t end = begin + 1;
    while (end < expected.size() && ties(expected[end - 1], expected[end])) ++end;
    if (end - begin == 1) {
      bool same = expected[begin] == actual[begin];
      // A single document at an edge may be replaced by another at the same distance.
      bool edge = begin == 0 || begin + 1 == expected.size();
      if (!same && !(edge && ties(expected[begin], actual[begin]))) return describe();
    } else {
      std::multiset<search::DocId> want(expected.begin() + begin, expected.begin() + end);
      std::multiset<search::DocId> got(actual.begin() + begin, actual.begin() + end);
      bool edge = begin == 0 || end == expected.size();
      if (want != got) {
        if (!edge) return describe();
        for (size_t i = begin; i < end; ++i)
          if (!ties(expected[begin], actual[i])) return describe();
      }
    }
    begin = end;
  }
  return "";
}

// Prints the differences of `peer` from Tremplin on filter-only queries; returns how many
// queries differ.
int CompareFilterOnly(const Run& peer, const Run& tremplin, const std::vector<Query>& queries,
                      const std::vector<search::Document>& documents) {
  int mismatches = 0;
  for (size_t i = 0; i < queries.size(); ++i) {
    if (!queries[i].bench.filter_only || !tremplin.filter_only[i]) continue;
    std::string difference;
    if (!peer.filter_only[i]) {
      difference = "no answer\n";
    } else {
      bench::PeerResult expected = *tremplin.filter_only[i], actual = *peer.filter_only[i];
      std::string page = PageDifference(queries[i].query, documents, expected.page, actual.page);
      expected.page.clear();
      actual.page.clear();
      difference = bench::DescribeDifference(expected, actual);
      if (!page.empty()) difference += page + "\n";
    }
    if (difference.empty()) continue;
    if (mismatches++ < static_cast<int>(kMaxMismatchesShown))
      std::printf("  MISMATCH %s on %s\n%s", peer.name.c_str(), queries[i].text.c_str(),
                  difference.c_str());
  }
  return mismatches;
}

void PrintRun(const Run& run, const Run* tremplin) {
  double mean = Mean(run.seconds);
  std::printf("%-14s p50_ms=%-9.4f p99_ms=%-9.4f mean_ms=%-9.4f qps=%-10.1f", run.name.c_str(),
              Percentile(run.seconds, 0.5) * 1e3, Percentile(run.seconds, 0.99) * 1e3, mean * 1e3,
              mean > 0 ? 1 / mean : 0);
  if (tremplin) std::printf(" tremplin_faster_x=%.1f", GeometricMeanRatio(run, *tremplin));
  if (run.load_seconds > 0) std::printf(" load_s=%.1f", run.load_seconds);
  if (run.errors) std::printf(" errors=%d", run.errors);
  std::printf("\n");
}

// p50 per kind of query and engine, in milliseconds.
void PrintKinds(const std::vector<Run>& runs, const std::vector<Query>& queries) {
  std::printf("\np50_ms by kind  %-16s", "queries");
  for (const Run& run : runs) std::printf(" %14s", run.name.c_str());
  std::printf("\n");
  for (const search::BenchQueryKind& kind : search::kBenchQueryKinds) {
    std::vector<size_t> members;
    for (size_t i = 0; i < queries.size(); ++i)
      if (queries[i].bench.kind == kind.name) members.push_back(i);
    std::printf("  %-14.*s %-16zu", static_cast<int>(kind.name.size()), kind.name.data(),
                members.size());
    for (const Run& run : runs) {
      std::vector<double> times;
      for (size_t i : members) times.push_back(run.seconds[i]);
      std::printf(" %14.4f", Percentile(times, 0.5) * 1e3);
    }
    std::printf("\n");
  }
}

// Tremplin's slowest queries: where the tail of its latency comes from.
void PrintSlowest(const Run& tremplin, const std::vector<Query>& queries, size_t count,
                  const search::SearchEngine& engine) {
  std::vector<size_t> order(queries.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(),
            [&](size_t a, size_t b) { return tremplin.seconds[a] > tremplin.seconds[b]; });
  if (order.size() > count) order.resize(count);
  if (!order.empty()) std::printf("\nslowest tremplin queries:\n");
  for (size_t i : order)
    std::printf("  %9.4f ms  %-14s %8d found  %s\n", tremplin.seconds[i] * 1e3,
                queries[i].bench.kind.c_str(), engine.Search(queries[i].query).total,
                queries[i].text.c_str());
}

std::vector<std::string> SplitList(const std::string& list) {
  std::vector<std::string> out;
  std::stringstream in(list);
  std::string item;
  while (std::getline(in, item, ','))
    if (!item.empty()) out.push_back(item);
  return out;
}

int Main(const Options& options) {
  // The peers asked for, checked before the long work starts.
  std::vector<std::unique_ptr<bench::PeerEngine>> peers = bench::MakeAllPeers();
  if (options.peers != "all") {
    std::vector<std::string> wanted = SplitList(options.peers);
    if (options.peers == "none") wanted.clear();
    for (const std::string& name : wanted) {
      if (std::none_of(peers.begin(), peers.end(),
                       [&](const auto& p) { return p->Name() == name; })) {
        std::string known;
        for (const auto& p : peers) known += " " + p->Name();
        std::fprintf(stderr, "unknown peer \"%s\" (known:%s, or all, none)\n", name.c_str(),
                     known.c_str());
        return 2;
      }
    }
    std::erase_if(peers, [&](const auto& p) {
      return std::find(wanted.begin(), wanted.end(), p->Name()) == wanted.end();
    });
  }

  std::optional<Corpus> corpus = LoadCorpus(options);
  if (!corpus) return 1;
  malloc_trim(0);  // give the generator's memory back, so that the index's shows in the RSS

  // The queries, parsed once as the API would.
  core::PlaceDirectory places(corpus->geography);
  std::vector<Query> queries;
  int invalid = 0;
  for (search::BenchQuery& b :
       search::MakeBenchQueries(options.seed, kToday, options.queries, core::GenTaxonomy(),
                                corpus->geography, corpus->session_communes)) {
    search::SearchParams parsed =
        search::ParseSearchParams(b.params, places, core::GenTaxonomy(), kToday);
    std::string text = search::ToQueryString(b.params);
    if (!parsed.errors.empty()) {
      std::printf("query %s does not parse: %s\n", text.c_str(),
                  core::ToLogString(parsed.errors[0]).c_str());
      ++invalid;
    }
    queries.push_back({std::move(b), std::move(parsed.query), std::move(text)});
  }
  if (!options.kinds.empty()) {
    std::vector<std::string> kinds = SplitList(options.kinds);
    std::erase_if(queries, [&](const Query& q) {
      return std::find(kinds.begin(), kinds.end(), q.bench.kind) == kinds.end();
    });
  }
  size_t filter_only = std::count_if(queries.begin(), queries.end(),
                                     [](const Query& q) { return q.bench.filter_only; });
  std::printf(
      "queries: %zu (%zu filter-only); after a warm-up, %d timed pass(es) for tremplin, %d for "
      "each peer\n",
      queries.size(), filter_only, options.repeat, options.peer_repeat);
  if (invalid > 0 || queries.empty()) return 1;

  // Tremplin: the memory the engine keeps, measured before the copy of the documents it is
  // given (and frees once indexed) and after the build, each time with freed memory returned.
  malloc_trim(0);
  size_t rss_before = ResidentBytes();
  std::vector<search::Document> engine_documents = corpus->documents;
  auto started = Clock::now();
  std::unique_ptr<search::SearchEngine> engine =
      search::MakeSearchEngine(std::move(engine_documents));
  double build_seconds = Seconds(started);
  malloc_trim(0);  // what the build freed goes back to the system: only the index is left
  size_t rss_after = ResidentBytes();
  double index_bytes = rss_after > rss_before ? static_cast<double>(rss_after - rss_before) : 0;
  std::printf(
      "tremplin index: built in %.2f s (%.2f s per million sessions), %.0f MB of heap beyond "
      "the documents: %.0f bytes per session, %.0f per document\n",
      build_seconds, build_seconds * 1e6 / static_cast<double>(corpus->sessions), index_bytes / 1e6,
      index_bytes / static_cast<double>(corpus->sessions),
      index_bytes / static_cast<double>(corpus->documents.size()));
  if (auto* indexed = dynamic_cast<search::IndexedEngine*>(engine.get()))
    std::printf("tremplin index structures (counted by the engine): %.0f bytes per session\n",
                static_cast<double>(indexed->IndexBytes()) / static_cast<double>(corpus->sessions));

  std::vector<Run> runs;
  // Tremplin's time is the engine's own answer; turning it into the peers' form is not counted.
  runs.push_back(RunQueries(
      "tremplin", queries, options.repeat,
      [&](const search::SearchQuery& q) { return engine->Search(q); },
      [](const search::SearchResult& r) { return bench::ToPeerResult(r); }));
  runs.back().load_seconds = build_seconds;
  PrintRun(runs.back(), nullptr);

  int mismatched_peers = 0;
  bool failed = false;
  for (std::unique_ptr<bench::PeerEngine>& peer : peers) {
    std::string name = peer->Name();
    started = Clock::now();
    core::Status loaded = peer->Load(corpus->documents, corpus->geography);
    double load_seconds = Seconds(started);
    if (!loaded.ok()) {
      bool unavailable = loaded.error().code == core::ErrorCode::kUnavailable;
      std::printf("%-14s %s: %s\n", name.c_str(), unavailable ? "skipped" : "FAILED to load",
                  core::ToLogString(loaded.error()).c_str());
      failed |= !unavailable;
      peer.reset();
      continue;
    }
    Run run = RunQueries(
        name, queries, options.peer_repeat,
        [&](const search::SearchQuery& q) { return peer->Search(q); },
        [](bench::PeerResult r) { return r; });
    run.load_seconds = load_seconds;
    PrintRun(run, &runs[0]);
    int mismatches = CompareFilterOnly(run, runs[0], queries, corpus->documents);
    if (mismatches > 0) {
      std::printf("  %s: %d of %zu filter-only queries differ from tremplin\n", name.c_str(),
                  mismatches, filter_only);
      ++mismatched_peers;
    }
    failed |= run.errors > 0;
    runs.push_back(std::move(run));
    peer.reset();  // one peer's servers and memory at a time
  }
  PrintKinds(runs, queries);
  PrintSlowest(runs[0], queries, options.slowest, *engine);

  const Run& tremplin = runs[0];
  std::string best_peer = "none";
  double best_ratio = 0;
  for (size_t k = 1; k < runs.size(); ++k) {
    double ratio = GeometricMeanRatio(runs[k], tremplin);
    if (best_peer == "none" || ratio < best_ratio) {
      best_peer = runs[k].name;
      best_ratio = ratio;
    }
  }
  double mean = Mean(tremplin.seconds);
  std::printf(
      "\nmemory: %.0f bytes per session (index beyond the documents); build: %.2f s per "
      "million sessions\n",
      index_bytes / static_cast<double>(corpus->sessions),
      build_seconds * 1e6 / static_cast<double>(corpus->sessions));
  if (mismatched_peers > 0)
    std::printf("FAILED: %d peer(s) differ from tremplin on filter-only queries\n",
                mismatched_peers);
  std::printf(
      "search: sessions=%zu p50_ms=%.4f p99_ms=%.4f qps=%.0f best_peer=%s "
      "ratio_vs_best_peer=%.1f\n",
      corpus->sessions, Percentile(tremplin.seconds, 0.5) * 1e3,
      Percentile(tremplin.seconds, 0.99) * 1e3, mean > 0 ? 1 / mean : 0, best_peer.c_str(),
      best_ratio);
  return mismatched_peers > 0 || failed ? 1 : 0;
}

}  // namespace

int main(int argc, char** argv) {
  Options options;
  CLI::App cli{"Tremplin's search engine against its peers on a national-scale corpus"};
  cli.add_option("--sessions", options.sessions, "Sessions in the corpus (default 1000000)")
      ->check(CLI::Range(1, 10'000'000));
  cli.add_option("--queries", options.queries, "Queries of the mixed set (default 1000)")
      ->check(CLI::Range(1, 1'000'000));
  cli.add_option("--seed", options.seed, "Seed of the corpus and the queries (default 2026)");
  cli.add_option("--peers", options.peers,
                 "Peers to run, comma-separated: sqlite-fts5,postgresql,xapian,sphinxsearch; all "
                 "(default) or none");
  cli.add_option("--repeat", options.repeat,
                 "Timed passes of Tremplin's engine after the warm-up (default 5)")
      ->check(CLI::Range(1, 100));
  cli.add_option("--peer-repeat", options.peer_repeat,
                 "Timed passes of each peer after the warm-up (default 1)")
      ->check(CLI::Range(1, 100));
  cli.add_option("--kinds", options.kinds,
                 "Only the queries of these kinds, e.g. text,broad (default: all of them)");
  cli.add_option("--slowest", options.slowest, "Tremplin's slowest queries shown (default 10)");
  cli.add_option("--npm-dir", options.npm_dir, "node_modules with the geography packages");
  CLI11_PARSE(cli, argc, argv);
  std::setvbuf(stdout, nullptr, _IOLBF, 0);
  return Main(options);
}
