// What a session must be before it is stored, whoever types it: a commune that can be placed on
// the map (for courses given on site), real dates in a sensible order, a number of seats; and
// what its organisation may do with its recruitment. Pure rules; each refusal names its field
// so that a form shows it in the right place.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/course.h"
#include "core/date.h"
#include "core/place.h"
#include "core/result.h"

namespace tremplin::core {

inline constexpr int kMinSessionCapacity = 1;
inline constexpr int kMaxSessionCapacity = 500;
inline constexpr int kMaxSessionStartMonthsAhead = 24;  // no session planned beyond two years
inline constexpr size_t kMaxSessionAddressCharacters = 300;
inline constexpr size_t kMaxPlaceChoicesShown = 8;

// A session as typed (valid UTF-8), field by field (the form's field names).
struct SessionInput {
  std::string place;             // a commune: name ("Roubaix", "Saint-Denis (93)"), postcode or INSEE code
  std::string address;           // street line
  std::string start;             // dates: "YYYY-MM-DD" (date inputs) or "JJ/MM/AAAA" (typed)
  std::string end;
  std::string enrolment_opens;
  std::string enrolment_closes;
  std::string capacity;          // seats, a whole number
};

// A date as a form sends it: "2027-01-15" (what <input type="date"> sends) or "15/01/2027"
// (also "15/1/2027", "15-01-2027", "15.01.2027"), spaces around ignored; nullopt unless it is a
// real calendar day (no 31/02).
std::optional<Date> ParseFormDate(std::string_view text);

// The commune `text` designates for a session, or why it cannot be one (field "place"):
// "session_place_required" (empty), "session_place_not_commune" (arg place: a department or a
// region was understood), "session_place_ambiguous" (args query, choices: "Saint-Denis (93),
// Saint-Denis (974)"; the same name, or a code that is both a commune's INSEE code and another
// commune's postcode), "session_place_unknown" (arg query), "session_place_unknown_suggest"
// (args query, closest), "session_place_without_coordinates" (arg query). A municipal
// arrondissement is preferred to the city it belongs to ("75011" is Paris 11e).
Result<const Commune*> ResolveSessionCommune(std::string_view text, const PlaceDirectory& places);

// The session `input` describes for a course given in `mode`, put into `session` (its id,
// course_id and recruitment untouched), or every reason it cannot be, by field: the place
// errors above (on site and blended courses; a remote session has no place nor address),
// "session_address_required", "text_too_long" (args name, max), "text_control_character",
// "session_start_invalid", "session_end_invalid", "session_enrolment_opens_invalid",
// "session_enrolment_closes_invalid" (missing or not a date), "session_end_before_start",
// "session_enrolment_closes_before_opens", "session_enrolment_closes_after_end",
// "session_start_too_far" (arg max: the last date allowed), "session_end_in_past" (a new
// session that would already be over on `today`), "session_capacity_invalid" (args min, max).
std::vector<Error> ReadSessionInput(const SessionInput& input, DeliveryMode mode,
                                    const PlaceDirectory& places, Date today, bool is_new,
                                    Session& session);

// The input a stored session gives back (for a form filled with it): its commune as
// "Roubaix (59)" (or another text that designates it alone), dates as "YYYY-MM-DD".
SessionInput InputOf(const Session& session, const PlaceDirectory& places);

// The recruitment state to store so that the session's dates decide it (RecruitmentOn): a
// session is never stored as closed unless its organisation closed it.
RecruitmentState DatesDecide(const Session& session, Date today);

// An organisation's decision about a session's recruitment, the form's `action`: "close"
// (closed by the organisation, whatever the dates say), "full" (no seat left) or "reopen"
// (the dates decide again). Refuses with "session_action_invalid" (field action), or
// "session_reopen_after_enrolment" (kConflict: its enrolment closing date is past, so reopening
// would change nothing; its dates must change first); `session` is then unchanged.
Status ApplyRecruitmentAction(std::string_view action, Date today, Session& session);

}  // namespace tremplin::core
