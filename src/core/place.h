// Places a candidate can search around — all of France, a region, a department or a commune —
// understood from what people type ("59350", "59000", "dep:59", "reg:32", "Lille", "st etienne"),
// and the suggestions of the place autocomplete.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/geography.h"
#include "core/result.h"

namespace tremplin::core {

enum class PlaceKind { kFrance, kRegion, kDepartment, kCommune };
std::string_view ToString(PlaceKind kind);  // "france", "region", "department", "commune"

// How the text was understood, so that the page can say it back to the person.
enum class PlaceMatch { kEmpty, kInseeCode, kPostcode, kDepartmentCode, kRegionCode, kName };
std::string_view ToString(PlaceMatch match);  // "empty", "insee_code", "postcode", …

struct Place {
  PlaceKind kind = PlaceKind::kFrance;
  PlaceMatch match = PlaceMatch::kEmpty;
  std::string code;  // INSEE code of the commune, department or region; empty for France
  std::string name;  // "Lille", "Nord", "Hauts-de-France"; empty for France
  std::string department_code;  // for a commune or a department
  std::string region_code;      // for a commune, a department or a region
  std::optional<GeoPoint> point;  // for a commune
  // Other communes the text could have meant (same name or postcode), most populous first.
  std::vector<std::string> alternatives;

  // A commune whose INSEE code, typed, would mean another commune (a more populous one at that
  // postcode): its parameter says "com:".
  bool code_is_another_postcode = false;
  // The canonical parameter that designates this place: "59350", "dep:59", "reg:32", "" — or
  // "com:59100" for a commune whose code people would read as a postcode.
  std::string Parameter() const;
};

struct PlaceSuggestion {
  PlaceKind kind;
  std::string code;
  std::string name;
  std::string department_code;  // communes and departments
  std::string value;            // what to put in `where`: "59350", "dep:59", "reg:32"
  std::string postcodes;        // communes: "59000, 59160"
};

// Name indexes over a Geography for parsing and autocompletion. Keeps a reference to it.
class PlaceDirectory {
 public:
  explicit PlaceDirectory(const Geography& geography);

  const Geography& geography() const { return geography_; }

  // Understands `text` (see file comment). Empty text means all of France. Fails with
  // kInvalidArgument and id "place_not_found" (arg "query"), or "place_not_found_suggest"
  // (args "query", "suggestion") when a close name exists; "department_not_found" or
  // "region_not_found" (arg "code") for an unknown code; "postcode_not_found" for an unknown
  // 5-digit code; "place_too_long" beyond 200 characters.
  Result<Place> Parse(std::string_view text) const;

  // The place designated by a canonical parameter or code, e.g. for a page link.
  Result<Place> FromCommune(const Commune& commune, PlaceMatch match) const;

  // Up to `limit` places whose name (or a word of it) starts with `prefix`, or whose postcode
  // starts with the digits typed; regions and departments first when they match, then communes
  // by decreasing population. Accent- and case-insensitive.
  std::vector<PlaceSuggestion> Suggest(std::string_view prefix, size_t limit) const;

 private:
  struct NameEntry {
    std::string key;  // normalised name or a word-suffix of it ("saint denis", "denis")
    PlaceKind kind;
    size_t index;     // into the geography's communes / departments / regions
    bool whole;       // key is the whole name, not a suffix
  };

  Place MakeDepartment(const Department& d, PlaceMatch match) const;
  // The commune that the code of `c`, read as a postcode, designates before `c` (more
  // populous, and `c` not at that postcode), if any.
  const Commune* PostcodeCommuneBefore(const Commune& c) const;
  Place MakeRegion(const Region& r, PlaceMatch match) const;
  // The place named `key` (normalised), if any: a Place, or the reason it cannot be used.
  std::optional<Result<Place>> ByName(const std::string& key, std::string_view hint) const;
  std::optional<std::string> ClosestName(const std::string& key) const;
  int Population(const NameEntry& e) const;

  const Geography& geography_;
  std::vector<NameEntry> names_;  // sorted by key
  std::vector<std::pair<std::string, size_t>> postcodes_;  // (postcode, commune index), sorted
  std::unordered_map<std::string, int> region_population_, department_population_;
};

// "Lille (59)": a commune's name with its department, as people read places in France.
std::string CommuneLabel(const Commune& commune);
// How a place is named back to a person: "Lille (59)", "Nord (59)", "Hauts-de-France", "".
std::string PlaceLabel(const Place& place);

// The form place names are compared in: folded, punctuation as single spaces, "st"→"saint",
// "ste"→"sainte" ("Saint-Étienne", "st etienne" → "saint etienne").
std::string NormalizePlaceName(std::string_view text);

}  // namespace tremplin::core
