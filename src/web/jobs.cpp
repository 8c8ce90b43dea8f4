#include "samspel/web/jobs.hpp"

#include <algorithm>
#include <exception>
#include <nlohmann/json.hpp>
#include <utility>

namespace samspel::web {

struct Jobs::Job {
  std::string id;
  std::string kind;
  std::size_t total = 0;
  std::atomic<std::size_t> done{0};
  // Guarded by Jobs::mutex_.
  std::string status = "running";
  std::string payload;  // serialised result, or the error message
  std::thread thread;
};

// At least one finished job is kept: a job never evicts (and joins) itself.
Jobs::Jobs(int max_running, std::size_t max_kept)
    : max_running_(max_running), max_kept_(std::max<std::size_t>(1, max_kept)) {}

Jobs::~Jobs() {
  std::map<std::string, std::shared_ptr<Job>> jobs;
  {
    // Once nothing runs, nothing is evicted any more, so every thread left is in jobs_ and is
    // joined exactly once.
    std::unique_lock lock(mutex_);
    idle_.wait(lock, [this] { return running_ == 0; });
    jobs = jobs_;
  }
  for (auto& [id, job] : jobs) {
    if (job->thread.joinable()) job->thread.join();
  }
}

std::optional<std::string> Jobs::start(std::string kind, std::size_t total, Work work) {
  auto job = std::make_shared<Job>();
  {
    const std::lock_guard lock(mutex_);
    if (running_ >= max_running_) return std::nullopt;
    ++running_;
    job->id = std::to_string(next_id_++);
    job->kind = std::move(kind);
    job->total = total;
    jobs_[job->id] = job;
    // The thread is started under the lock so that no reader sees a job without its thread.
    job->thread = std::thread([this, job, work = std::move(work)] {
      std::string status = "done";
      std::string payload;
      try {
        payload = work([&job](std::size_t done) { job->done = done; });
      } catch (const std::exception& e) {
        status = "failed";
        payload = e.what();
      }
      {
        const std::lock_guard inner(mutex_);
        job->status = status;
        job->payload = std::move(payload);
      }
      finish(job);
    });
  }
  return job->id;
}

void Jobs::finish(const std::shared_ptr<Job>& job) {
  std::shared_ptr<Job> evicted;
  {
    const std::lock_guard lock(mutex_);
    --running_;
    finished_.push_back(job->id);
    if (finished_.size() > max_kept_) {
      const auto it = jobs_.find(finished_.front());
      evicted = it->second;
      jobs_.erase(it);
      finished_.pop_front();
    }
  }
  idle_.notify_all();
  // A finished job's thread has returned from its work or is about to: joining is brief. It is
  // never this thread, which is still in the jobs_ map.
  if (evicted && evicted->thread.joinable()) evicted->thread.join();
}

std::optional<std::string> Jobs::status_json(const std::string& id) const {
  const std::lock_guard lock(mutex_);
  const auto it = jobs_.find(id);
  if (it == jobs_.end()) return std::nullopt;
  const Job& job = *it->second;
  const nlohmann::json head = {{"id", job.id},
                               {"kind", job.kind},
                               {"status", job.status},
                               {"done", job.done.load()},
                               {"total", job.total}};
  std::string text = head.dump();
  if (job.status == "done") {
    text.pop_back();
    text += ",\"result\":" + job.payload + "}";
  } else if (job.status == "failed") {
    text.pop_back();
    text += ",\"error\":" + nlohmann::json(job.payload).dump() + "}";
  }
  return text;
}

int Jobs::running() const {
  const std::lock_guard lock(mutex_);
  return running_;
}

}  // namespace samspel::web

namespace samspel::web {

void Jobs::wait() const {
  std::unique_lock lock(mutex_);
  idle_.wait(lock, [this] { return running_ == 0; });
}

}  // namespace samspel::web
