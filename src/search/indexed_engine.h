// The production search engine: an index of segments (segment.h) — a large one built at once
// and a small one holding recent changes — read through immutable snapshots, so that queries
// never wait for a writer and never see half an update.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <vector>

#include "search/engine.h"
#include "search/segment.h"
#include "search/snapshot.h"

namespace tremplin::search {

class IndexedEngine final : public SearchEngine {
 public:
  // Indexes `documents`; a document's DocId is its position.
  explicit IndexedEngine(std::vector<Document> documents);

  SearchResult Search(const SearchQuery& query) const override;
  size_t document_count() const override;

  // Replaces every document of course `course_id` by `documents` (none: removes the course),
  // giving them new DocIds. Searches starting after the call returns see the change; those
  // running meanwhile finish on the state before. Writers are serialised. Most calls rebuild
  // only the small segment of recent changes; when it grows past a threshold, everything is
  // rebuilt into one segment.
  void Upsert(int64_t course_id, std::vector<Document> documents);
  void Remove(int64_t course_id) { Upsert(course_id, {}); }

  // The same for several courses at once, published together (one rebuild for the batch).
  struct CourseDocuments {
    int64_t course_id = 0;
    std::vector<Document> documents;
  };
  void Upsert(std::vector<CourseDocuments> courses);

  // The index as it is now, frozen: later changes do not reach it. A catalogue snapshot keeps
  // one so that its searches agree with its courses.
  std::shared_ptr<const SearchEngine> Pinned() const;

  // Memory held by the index structures, course texts excluded.
  size_t IndexBytes() const;

 private:
  struct Version {
    std::shared_ptr<const Segment> main, recent;
    std::shared_ptr<const std::vector<bool>> main_removed;  // documents of main replaced or removed
    std::shared_ptr<const std::vector<uint32_t>> main_removed_list;  // the same, as indices
    size_t live_documents = 0;
    DocId next_id = 0;
  };

  class PinnedView;

  std::shared_ptr<const Version> Current() const { return current_.Get(); }
  static SearchResult SearchIn(const Version& snap, const SearchQuery& query);

  Snapshot<Version> current_;
  std::mutex writer_;
};

}  // namespace tremplin::search
