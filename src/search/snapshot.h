// A value that readers take a consistent copy of while a writer replaces it: the current
// snapshot of an index or a catalogue. Readers hold a shared_ptr for as long as they need it.
#pragma once

#include <memory>
#include <mutex>

namespace tremplin::search {

template <typename T>
class Snapshot {
 public:
  std::shared_ptr<const T> Get() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return current_;
  }
  void Set(std::shared_ptr<const T> value) {
    std::lock_guard<std::mutex> lock(mutex_);
    current_.swap(value);  // the old value is released after the lock, below
  }

 private:
  // A mutex rather than std::atomic<std::shared_ptr>: GCC 12's one releases its lock with a
  // relaxed store that ThreadSanitizer rightly reports; an uncontended mutex costs little.
  mutable std::mutex mutex_;
  std::shared_ptr<const T> current_;
};

}  // namespace tremplin::search
