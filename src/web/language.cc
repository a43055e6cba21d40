#include "web/language.h"

namespace tremplin::web {

core::Lang RequestLang(const Request& req) {
  // The URL alone decides, so that every page can be linked to and switched in both directions.
  return core::ParseLang(req.Param("lang")).value_or(core::Lang::kFr);
}

}  // namespace tremplin::web
