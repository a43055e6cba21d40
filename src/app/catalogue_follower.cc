#include "app/catalogue_follower.h"

#include <fcntl.h>
#include <poll.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <optional>
#include <set>

#include "store/catalogue_store.h"
#include "store/change_listener.h"

namespace tremplin::app {
namespace {

constexpr std::chrono::seconds kPollEvery(1);

}  // namespace

CatalogueFollower::CatalogueFollower(std::string url, search::CatalogueHolder& catalogue,
                                     int64_t applied)
    : url_(std::move(url)), catalogue_(catalogue), applied_(applied) {
  if (pipe2(wake_pipe_, O_NONBLOCK | O_CLOEXEC) != 0) wake_pipe_[0] = wake_pipe_[1] = -1;
}

CatalogueFollower::~CatalogueFollower() {
  Stop();
  for (int fd : wake_pipe_)
    if (fd >= 0) close(fd);
}

void CatalogueFollower::Start() {
  if (!thread_.joinable()) thread_ = std::thread([this] { Run(); });
}

void CatalogueFollower::Stop() {
  stopping_ = true;
  Wake();
  if (thread_.joinable()) thread_.join();
}

void CatalogueFollower::Wake() {
  if (wake_pipe_[1] < 0) return;
  char byte = 1;
  [[maybe_unused]] ssize_t written = write(wake_pipe_[1], &byte, 1);  // full pipe: already awake
}

bool CatalogueFollower::WaitUntilApplied(int64_t version, std::chrono::milliseconds timeout) {
  Wake();
  std::unique_lock<std::mutex> lock(mutex_);
  return applied_changed_.wait_for(lock, timeout, [&] { return applied_.load() >= version; });
}

void CatalogueFollower::Run() {
  std::optional<store::Database> db;
  std::optional<store::ChangeListener> listener;
  bool failing = false;
  while (!stopping_) {
    // Wake-ups so far are answered by the catch-up below; one that comes during it stays in
    // the pipe and cuts the next wait short.
    char drain[64];
    while (read(wake_pipe_[0], drain, sizeof drain) > 0) {
    }
    core::Status status = core::Ok{};
    if (!db) {
      core::Result<store::Database> opened = store::Database::Open(url_);
      if (opened.ok()) db.emplace(std::move(*opened));
      else status = opened.error();
    }
    // Listen before reading the log, so that a change committed in between still wakes us.
    if (status.ok() && !listener) {
      core::Result<store::ChangeListener> opened = store::ChangeListener::Open(db->backend(), url_);
      if (opened.ok()) listener.emplace(std::move(*opened));
      else status = opened.error();
    }
    if (status.ok()) status = CatchUp(*db);
    if (!status.ok()) {
      if (!failing)
        spdlog::warn("catalogue feed: {}; serving the catalogue as of change {}, retrying every {} s",
                     core::ToLogString(status.error()), applied_.load(), kPollEvery.count());
      failing = true;
      listener.reset();  // a lost listening connection is opened again; the log fills the gap
    } else if (failing) {
      spdlog::info("catalogue feed: back in touch, caught up to change {}", applied_.load());
      failing = false;
    }
    if (stopping_) break;
    if (listener && !failing) {
      core::Result<bool> woken = listener->Wait(kPollEvery, wake_pipe_[0]);
      if (!woken.ok()) listener.reset();
    } else {
      pollfd fd{wake_pipe_[0], POLLIN, 0};
      poll(&fd, 1, static_cast<int>(std::chrono::milliseconds(kPollEvery).count()));
    }
  }
}

core::Status CatalogueFollower::CatchUp(store::Database& db) {
  const int64_t from = applied_.load();
  core::Result<std::vector<store::CatalogueChange>> changes = store::ChangesSince(db, from);
  if (!changes.ok()) return changes.error();
  if (changes->empty()) {
    core::Result<int64_t> version = store::CatalogueVersion(db);
    if (!version.ok()) return version.error();
    if (*version >= from) return core::Ok{};
    // The database is behind this node (restored from a backup, a lagging replica promoted):
    // its numbers will be given again to other changes, so start over from what it holds.
    spdlog::warn("catalogue feed: the database is at change {} but this node applied {}; reloading the catalogue",
                 *version, from);
    return Reload(db);
  }
  std::shared_ptr<const search::Catalogue> current = catalogue_.Get();
  std::set<int64_t> course_ids, organisation_ids;
  for (const store::CatalogueChange& c : *changes) {
    if (c.course_id != 0) course_ids.insert(c.course_id);
    else organisation_ids.insert(c.organisation_id);
  }

  if (course_ids.size() + organisation_ids.size() > kFullReloadCourses) return Reload(db);
  search::CatalogueChanges update;
  std::set<int64_t> organisations_read;
  for (int64_t id : organisation_ids) {
    core::Result<core::Organisation> organisation = store::FindOrganisation(db, id);
    if (!organisation.ok()) return organisation.error();  // organisations are never removed
    update.organisations.push_back(std::move(*organisation));
    organisations_read.insert(id);
  }
  for (int64_t id : course_ids) {
    core::Result<core::Course> course = store::FindCourse(db, id);
    if (!course.ok() && course.error().id == "course_not_found") {
      update.removed_course_ids.push_back(id);
      continue;
    }
    if (!course.ok()) return course.error();
    // A course of an organisation this node has not seen yet brings the organisation.
    int64_t organisation_id = course->organisation_id;
    if (!current->FindOrganisation(organisation_id) && organisations_read.insert(organisation_id).second) {
      core::Result<core::Organisation> organisation = store::FindOrganisation(db, organisation_id);
      if (!organisation.ok()) return organisation.error();
      update.organisations.push_back(std::move(*organisation));
    }
    update.courses.push_back(std::move(*course));
  }
  std::shared_ptr<const search::Catalogue> next = current->WithChanges(std::move(update));
  Publish(std::move(next), changes->back().version);
  spdlog::debug("catalogue feed: applied changes {}..{} ({} course(s))", from + 1,
                changes->back().version, course_ids.size());
  return core::Ok{};
}

core::Status CatalogueFollower::Reload(store::Database& db) {
  // The version first, as at start-up: a change made while loading is applied again later.
  core::Result<int64_t> version = store::CatalogueVersion(db);
  if (!version.ok()) return version.error();
  core::Result<store::Catalogue> loaded = store::LoadCatalogue(db);
  if (!loaded.ok()) return loaded.error();
  std::shared_ptr<const search::Catalogue> current = catalogue_.Get();
  Publish(std::make_shared<const search::Catalogue>(std::move(loaded->organisations),
                                                    std::move(loaded->courses),
                                                    current->taxonomy(), current->geography()),
          *version);
  spdlog::info("catalogue feed: reloaded the whole catalogue at change {}", *version);
  return core::Ok{};
}

void CatalogueFollower::Publish(std::shared_ptr<const search::Catalogue> catalogue, int64_t version) {
  catalogue_.Set(std::move(catalogue));
  {
    std::lock_guard<std::mutex> lock(mutex_);
    applied_ = version;
  }
  applied_changed_.notify_all();
}

}  // namespace tremplin::app
