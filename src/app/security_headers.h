// The headers every response carries, so that browsers confine what a page can do: only our
// own scripts, styles and images (no inline script: an injected <script> does not run), no
// framing by other sites (clickjacking), no MIME sniffing, no full URL sent to other sites.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace tremplin::app {

std::vector<std::pair<std::string, std::string>> SecurityHeaders();

}  // namespace tremplin::app
