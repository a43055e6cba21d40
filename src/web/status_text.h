// The short plain-text body of the answers the HTTP layer gives on its own (malformed request,
// too large, unknown method…), before any page could be chosen: French and English, from the
// message catalogue ("http.status_400" …).
#pragma once

#include <string>

namespace tremplin::web {

// "Requête invalide. — Bad request.\n" for 400; a generic sentence for statuses without one.
std::string StatusText(int status);

}  // namespace tremplin::web
