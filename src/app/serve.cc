#include "app/serve.h"

#include <spdlog/spdlog.h>

#include "app/application.h"
#include "app/json_log.h"
#include "web/server.h"

namespace tremplin::app {

int Serve(const Config& config) {
  if (config.log_format == "json") UseJsonLogs();
  std::unique_ptr<Application> application = Application::Open(config);
  if (!application) return 1;
  {
    web::Server server(application->server_options(), application->router());
    core::Status started = server.Start();
    if (!started.ok()) {
      spdlog::error("cannot listen: {}", core::ToLogString(started.error()));
      return 1;
    }
    application->SetBoundPort(server.port());
    server.StopOnSignals();
    spdlog::info("serving on http://{}:{}/", config.address, server.port());
    server.Wait();
  }  // the server is gone before the application it served
  application.reset();  // stops the catalogue follower and the mail sender
  spdlog::info("stopped");
  return 0;
}

}  // namespace tremplin::app
