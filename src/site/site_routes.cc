#include "site/site_routes.h"

#include "site/course_page.h"
#include "site/home_page.h"
#include "site/info_pages.h"
#include "site/organisation_pages.h"
#include "site/search_page.h"

namespace tremplin::site {

void RegisterSiteRoutes(web::Router& router, const search::Services& services) {
  auto route = [&](const char* path, web::Response (*page)(const web::Request&, const search::Services&)) {
    router.Get(path, [&services, page](const web::Request& req) { return page(req, services); });
  };
  route("/", HomePage);
  route("/formations", SearchPage);
  route("/formations/{id}", CoursePage);
  route("/organismes", OrganisationsPage);
  route("/organismes/{id}", OrganisationPage);
  route("/mentions-legales", LegalNoticePage);
  route("/accessibilite", AccessibilityPage);
  // Trailing slashes people type by habit lead to the page itself.
  for (const char* path : {"/formations/", "/organismes/", "/mentions-legales/", "/accessibilite/"}) {
    router.Get(path, [path](const web::Request& req) {
      std::string target(path, std::string_view(path).size() - 1);
      size_t query = req.target.find('?');
      if (query != std::string::npos) target += req.target.substr(query);
      return web::Response::Redirect(target, 301);
    });
  }
}

}  // namespace tremplin::site
