#include "core/session_rules.h"

#include <algorithm>
#include <cstdio>

#include "core/course_texts.h"
#include "core/text_rules.h"
#include "text/utf8.h"

namespace tremplin::core {
namespace {

constexpr size_t kMaxQueryShown = 60;  // characters of what was typed, said back in a message

// "59350", "2A004": a commune's INSEE code or a postcode.
bool LooksLikeCode(std::string_view text) {
  if (text.size() != 5) return false;
  bool corsica = text[0] == '2' && (text[1] == 'A' || text[1] == 'B' || text[1] == 'a' || text[1] == 'b');
  return (AllDigits(text.substr(0, 2)) || corsica) && AllDigits(text.substr(2));
}

std::string Upper(std::string_view text) {
  std::string out(text);
  for (char& c : out)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return out;
}

std::string Shown(std::string_view query) { return std::string(text::TruncateCharacters(query, kMaxQueryShown)); }

std::string DayMonthYear(Date date) {
  char text[16];
  std::snprintf(text, sizeof text, "%02u/%02u/%04d", date.day(), date.month(), date.year());
  return text;
}

// "Saint-Denis (93)"; "Name (postcode)" for communes whose usual label another one shares.
std::string ChoicesText(const std::vector<const Commune*>& communes) {
  std::string out;
  for (size_t i = 0; i < communes.size() && i < kMaxPlaceChoicesShown; ++i) {
    std::string label = CommuneLabel(*communes[i]);
    bool shared = std::count_if(communes.begin(), communes.end(), [&](const Commune* c) {
                    return CommuneLabel(*c) == label;
                  }) > 1;
    if (shared && !communes[i]->postcodes.empty())
      label = communes[i]->name + " (" + communes[i]->postcodes.front() + ")";
    out += (out.empty() ? "" : ", ") + label;
  }
  if (communes.size() > kMaxPlaceChoicesShown) out += "…";
  return out;
}

}  // namespace

std::optional<Date> ParseFormDate(std::string_view raw) {
  std::string_view text = Trimmed(raw);
  if (text.size() == 10 && text[4] == '-') return Date::Parse(text);
  // Day, month, year in the French order, separated by '/', '-' or '.'.
  size_t first = text.find_first_of("/-.");
  if (first == std::string_view::npos) return std::nullopt;
  size_t second = text.find_first_of("/-.", first + 1);
  if (second == std::string_view::npos || text[first] != text[second]) return std::nullopt;
  std::optional<int> day = ParseDigits(text.substr(0, first), 2);
  std::optional<int> month = ParseDigits(text.substr(first + 1, second - first - 1), 2);
  std::string_view year = text.substr(second + 1);
  if (!day || !month || year.size() != 4 || !AllDigits(year)) return std::nullopt;
  char iso[16];
  std::snprintf(iso, sizeof iso, "%.4s-%02d-%02d", year.data(), *month, *day);
  return Date::Parse(iso);
}

Result<const Commune*> ResolveSessionCommune(std::string_view raw, const PlaceDirectory& places) {
  const Geography& geography = places.geography();
  std::string_view text = Trimmed(raw);
  if (text.empty()) return MakeError(ErrorCode::kInvalidArgument, "session_place_required", "place");

  std::vector<const Commune*> candidates;
  if (LooksLikeCode(text)) {
    if (const Commune* commune = geography.FindCommune(Upper(text))) candidates.push_back(commune);
    if (AllDigits(text))
      for (const Commune* commune : geography.CommunesWithPostcode(text)) candidates.push_back(commune);
  } else {
    Result<Place> place = places.Parse(text);
    if (!place.ok()) {
      if (place.error().id == "place_without_coordinates")
        return MakeError(ErrorCode::kInvalidArgument, "session_place_without_coordinates", "place").With("query", Shown(text));
      if (const std::string* closest = place.error().Arg("suggestion"))
        return MakeError(ErrorCode::kInvalidArgument, "session_place_unknown_suggest", "place").With("query", Shown(text)).With("closest", *closest);
      return MakeError(ErrorCode::kInvalidArgument, "session_place_unknown", "place").With("query", Shown(text));
    }
    if (place->kind != PlaceKind::kCommune)
      return MakeError(ErrorCode::kInvalidArgument, "session_place_not_commune", "place").With("place", PlaceLabel(*place));
    if (const Commune* commune = geography.FindCommune(place->code)) candidates.push_back(commune);
    for (const std::string& code : place->alternatives)
      if (const Commune* commune = geography.FindCommune(code)) candidates.push_back(commune);
  }
  // Each commune once; a city gives way to its arrondissement (a postcode of Paris serves both).
  std::vector<const Commune*> communes;
  for (const Commune* c : candidates) {
    bool parent = std::any_of(candidates.begin(), candidates.end(),
                              [&](const Commune* other) { return other->parent_code == c->code; });
    if (!parent && std::find(communes.begin(), communes.end(), c) == communes.end()) communes.push_back(c);
  }
  if (communes.empty()) return MakeError(ErrorCode::kInvalidArgument, "session_place_unknown", "place").With("query", Shown(text));
  if (communes.size() > 1)
    return MakeError(ErrorCode::kInvalidArgument, "session_place_ambiguous", "place").With("query", Shown(text)).With("choices", ChoicesText(communes));
  if (!communes.front()->point)
    return MakeError(ErrorCode::kInvalidArgument, "session_place_without_coordinates", "place").With("query", Shown(text));
  return communes.front();
}

std::vector<Error> ReadSessionInput(const SessionInput& input, DeliveryMode mode,
                                    const PlaceDirectory& places, Date today, bool is_new,
                                    Session& session) {
  std::vector<Error> errors;
  if (mode == DeliveryMode::kRemote) {
    session.commune_code.clear();
    session.address.clear();
    session.point.reset();
  } else {
    Result<const Commune*> commune = ResolveSessionCommune(input.place, places);
    if (commune.ok()) {
      session.commune_code = (*commune)->code;
      session.point = (*commune)->point;
    } else {
      errors.push_back(commune.error());
    }
    Result<std::string> address = CheckTextLine("address", input.address, kMaxSessionAddressCharacters);
    if (!address.ok()) errors.push_back(address.error());
    else if (address->empty())
      errors.push_back(MakeError(ErrorCode::kInvalidArgument, "session_address_required", "address"));
    else session.address = *address;
  }

  auto date = [&](const std::string& text, const char* field, const char* error) -> std::optional<Date> {
    std::optional<Date> parsed = ParseFormDate(text);
    if (!parsed) errors.push_back(MakeError(ErrorCode::kInvalidArgument, error, field));
    return parsed;
  };
  std::optional<Date> start = date(input.start, "start", "session_start_invalid");
  std::optional<Date> end = date(input.end, "end", "session_end_invalid");
  std::optional<Date> opens = date(input.enrolment_opens, "enrolment_opens", "session_enrolment_opens_invalid");
  std::optional<Date> closes = date(input.enrolment_closes, "enrolment_closes", "session_enrolment_closes_invalid");
  const Date latest_start = today.AddMonths(kMaxSessionStartMonthsAhead);
  if (start && *start > latest_start) {
    errors.push_back(MakeError(ErrorCode::kInvalidArgument, "session_start_too_far", "start")
                         .With("max", DayMonthYear(latest_start)));
  }
  if (start && end && *end < *start)
    errors.push_back(MakeError(ErrorCode::kInvalidArgument, "session_end_before_start", "end"));
  else if (is_new && end && *end < today)
    errors.push_back(MakeError(ErrorCode::kInvalidArgument, "session_end_in_past", "end"));
  if (opens && closes && *closes < *opens) {
    errors.push_back(MakeError(ErrorCode::kInvalidArgument, "session_enrolment_closes_before_opens",
                               "enrolment_closes"));
  } else if (closes && end && *closes > *end) {
    errors.push_back(MakeError(ErrorCode::kInvalidArgument, "session_enrolment_closes_after_end",
                               "enrolment_closes"));
  }
  if (start) session.start = *start;
  if (end) session.end = *end;
  if (opens) session.enrolment_opens = *opens;
  if (closes) session.enrolment_closes = *closes;

  std::string_view capacity_text = Trimmed(input.capacity);
  std::optional<int> capacity = ParseDigits(capacity_text, 6);
  if (capacity && *capacity >= kMinSessionCapacity && *capacity <= kMaxSessionCapacity) {
    session.capacity = *capacity;
  } else {
    errors.push_back(MakeError(ErrorCode::kInvalidArgument, "session_capacity_invalid", "capacity")
                         .With("min", std::to_string(kMinSessionCapacity))
                         .With("max", std::to_string(kMaxSessionCapacity)));
  }
  return errors;
}

SessionInput InputOf(const Session& session, const PlaceDirectory& places) {
  SessionInput input;
  if (const Commune* commune = places.geography().FindCommune(session.commune_code)) {
    // The usual label when it designates this commune again, else one that does.
    for (std::string place : {CommuneLabel(*commune),
                              commune->postcodes.empty() ? std::string() : commune->name + " (" + commune->postcodes.front() + ")",
                              commune->code}) {
      Result<const Commune*> again = ResolveSessionCommune(place, places);
      if (again.ok() && *again == commune) {
        input.place = place;
        break;
      }
    }
    if (input.place.empty()) input.place = commune->code;
  }
  input.address = session.address;
  input.start = session.start.ToIso();
  input.end = session.end.ToIso();
  input.enrolment_opens = session.enrolment_opens.ToIso();
  input.enrolment_closes = session.enrolment_closes.ToIso();
  input.capacity = std::to_string(session.capacity);
  return input;
}

RecruitmentState DatesDecide(const Session& session, Date today) {
  return today < session.enrolment_opens ? RecruitmentState::kUpcoming : RecruitmentState::kOpen;
}

Status ApplyRecruitmentAction(std::string_view action, Date today, Session& session) {
  if (action == "close") {
    session.recruitment = RecruitmentState::kClosed;
  } else if (action == "full") {
    session.recruitment = RecruitmentState::kFull;
  } else if (action == "reopen") {
    if (session.enrolment_closes < today)
      return MakeError(ErrorCode::kConflict, "session_reopen_after_enrolment", "action");
    session.recruitment = DatesDecide(session, today);
  } else {
    return MakeError(ErrorCode::kInvalidArgument, "session_action_invalid", "action");
  }
  return Ok{};
}

}  // namespace tremplin::core
