#include "samspel/engine/cluster.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <cstdlib>
#include <deque>
#include <exception>
#include <limits>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <stop_token>
#include <thread>

#include "samspel/engine/parallel.hpp"

#ifdef SAMSPEL_WITH_MPI
#include <mpi.h>
#endif

namespace samspel::engine {

namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::microseconds;

// Message tags: a rank's request for work, rank 0's answer (the jobs), and the results.
constexpr int kRequest = 1;
constexpr int kJobs = 2;
constexpr int kTaskMeasures = 3;
constexpr int kTaskSeries = 4;
constexpr int kGroupMeasures = 5;
constexpr int kGroupSeries = 6;
constexpr int kGroupSummary = 7;

// A job as sent to a rank: a task number, or a whole group's number with this bit set.
constexpr std::uint64_t kGroupBit = std::uint64_t{1} << 63U;

// A thread that moves results waits between polls from kPollMin, doubling while nothing
// happens, up to kPollMax. Every wake-up costs a context switch, and on two cores each one is
// taken from a worker, so polling faster slows the study (bench/README.md has the figures). A
// rank holds enough tasks (batch_size) to work through such a wait.
constexpr microseconds kPollMin{1000};
constexpr microseconds kPollMax{2000};

class Backoff {
 public:
  void reset() { wait_ = kPollMin; }
  void pause() {
    std::this_thread::sleep_for(wait_);
    wait_ = std::min(wait_ * 2, kPollMax);
  }

 private:
  microseconds wait_ = kPollMin;
};

// A rank asks for this many tasks at a time, and again when fewer than half are waiting: its
// threads never run dry while rank 0 answers (half a batch is 8 runs a thread, over a
// millisecond even at 100 µs a run), and a round's last tasks still spread out.
std::uint64_t batch_size(unsigned threads) {
  return std::max<std::uint64_t>(16, std::uint64_t{16} * threads);
}

bool launched_by_mpi() {
  return std::getenv("OMPI_COMM_WORLD_SIZE") != nullptr || std::getenv("PMI_SIZE") != nullptr;
}

// The order in which rank 0 hands out a round's jobs: the whole groups, then the other
// groups' tasks one by one.
struct Schedule {
  std::size_t whole = 0;       // groups handed out whole
  std::size_t group_size = 0;  // tasks a group
  std::size_t jobs = 0;        // jobs in all

  Schedule(const Round& round, std::size_t workers) {
    if (round.group_size > 0) {
      if (round.tasks % round.group_size != 0)
        throw std::invalid_argument("a round's tasks must be a multiple of its group size");
      whole = whole_groups(round.tasks / round.group_size, workers);
      group_size = round.group_size;
    }
    jobs = whole + (round.tasks - whole * group_size);
  }
  bool is_group(std::size_t job) const { return job < whole; }
  std::size_t task(std::size_t job) const { return whole * group_size + (job - whole); }
  std::size_t tasks(std::size_t job) const { return is_group(job) ? group_size : 1; }
};

// Runs group g's tasks into its slot and reduces them; `series` is the slot's room for the
// tasks' series, or scratch.
void run_group(const Round& round, const Worker& compute, std::size_t g, const GroupResult& slot,
               std::span<float> series) {
  const std::size_t first = g * round.group_size;
  for (std::size_t i = 0; i < round.group_size; ++i) {
    compute(first + i,
            TaskResult{slot.measures.subspan(i * round.measure_count, round.measure_count),
                       series.subspan(i * round.series_length, round.series_length)});
  }
  round.reduce(g, slot.measures, series, slot.summary);
}

// Rank 0's side of a round: its worker threads take jobs from the schedule, and its calling
// thread ticks and, under MPI, hands jobs to the other ranks and receives their results.
class Coordinator {
 public:
  Coordinator(const Round& round, std::size_t workers, int ranks)
      : round_(round), schedule_(round, workers), ranks_(ranks) {}

  void run(unsigned threads) {
    pool_.start(resolve_threads(threads, round_.tasks), [this] { work(); });
#ifdef SAMSPEL_WITH_MPI
    if (ranks_ > 1) {
      answer_ranks();
    } else {
      tick_while_working();
    }
#else
    tick_while_working();
#endif
    pool_.join();
    round_.tick();
  }

 private:
  const Round& round_;
  const Schedule schedule_;
  const int ranks_;
  std::atomic<std::size_t> next_{0};       // the next job to hand out
  std::atomic<std::size_t> delivered_{0};  // tasks

  std::optional<std::size_t> take_job() {
    const std::size_t job = next_.fetch_add(1, std::memory_order_relaxed);
    return job < schedule_.jobs ? std::optional(job) : std::nullopt;
  }
  bool all_delivered() const {
    return delivered_.load(std::memory_order_acquire) >= round_.tasks;
  }
  bool reduce_delivered() const {
    return round_.reduce_delivered && round_.reduce_delivered();
  }

  void deliver(std::size_t task) {
    round_.delivered(task);
    delivered_.fetch_add(1, std::memory_order_acq_rel);
  }
  void deliver_group(std::size_t group) {
    round_.group_delivered(group);
    delivered_.fetch_add(round_.group_size, std::memory_order_acq_rel);
  }

  // A worker thread. Reductions first, so that they (and the memory they free) keep pace with
  // the tasks; once the jobs are out, it waits for the other ranks' results, which may bring
  // reductions.
  void work() {
    const Worker compute = round_.make_worker();
    std::vector<float> scratch;  // a whole group's series when its slot has no room for them
    while (!pool_.failed()) {
      if (reduce_delivered()) continue;
      if (const auto job = take_job()) {
        compute_job(compute, *job, scratch);
      } else if (all_delivered()) {
        if (!reduce_delivered()) return;
      } else {
        std::this_thread::sleep_for(kPollMax);
      }
    }
  }

  void compute_job(const Worker& compute, std::size_t job, std::vector<float>& scratch) {
    if (!schedule_.is_group(job)) {
      const std::size_t task = schedule_.task(job);
      compute(task, round_.slot(task));
      deliver(task);
      return;
    }
    const GroupResult slot = round_.group_slot(job);
    std::span<float> series = slot.series;
    if (series.empty()) {
      scratch.resize(round_.group_size * round_.series_length);
      series = scratch;
    }
    run_group(round_, compute, job, slot, series);
    deliver_group(job);
  }

  // This process alone: the calling thread ticks until the workers are done.
  void tick_while_working() {
    const auto interval = std::chrono::milliseconds(round_.tick_ms);
    for (auto last_tick = Clock::now(); pool_.running() && !pool_.failed();) {
      if (Clock::now() - last_tick >= interval) {
        pool_.guarded([this] { round_.tick(); });
        last_tick = Clock::now();
      }
      pool_.wait_until(last_tick + interval);
    }
  }

#ifdef SAMSPEL_WITH_MPI
  // The receives of a job's results, posted when the job is handed out, straight into its
  // slot: a rank returns results in the order it got the jobs, and MPI matches messages of one
  // sender and tag in order. Nothing then waits in a blocking receive (which would spin on a
  // core the workers need until the sender's progress).
  struct Receive {
    std::size_t index;  // task or group
    bool group;
    std::array<MPI_Request, 3> requests{MPI_REQUEST_NULL, MPI_REQUEST_NULL, MPI_REQUEST_NULL};
  };
  std::vector<std::deque<Receive>> posted_;  // by rank
  int served_out_ = 0;                       // ranks told that the round has no more jobs

  // Under MPI the calling thread must answer the ranks at once (a rank holds a few milliseconds
  // of tasks), while a tick that writes the store may take tens of milliseconds: the ticks then
  // run on a thread of their own, still one at a time.
  void answer_ranks() {
    posted_.resize(static_cast<std::size_t>(ranks_));
    std::jthread ticker([this](const std::stop_token& stop) { tick_until(stop); });
    Backoff backoff;
    while (!pool_.failed() && (pool_.running() || served_out_ < ranks_ - 1)) {
      const bool answered = answer_request();
      const bool received = receive_results();
      if (answered || received) {
        backoff.reset();
      } else {
        backoff.pause();
      }
    }
  }

  void tick_until(const std::stop_token& stop) {
    std::mutex mutex;
    std::condition_variable_any wake;
    while (true) {
      {
        std::unique_lock lock(mutex);
        wake.wait_for(lock, stop, std::chrono::milliseconds(round_.tick_ms), [] { return false; });
      }
      if (stop.stop_requested() || pool_.failed()) return;
      pool_.guarded([this] { round_.tick(); });
    }
  }

  // A rank asks for `want` tasks' worth: it gets jobs until there are as many, none once the
  // schedule is out.
  bool answer_request() {
    int flag = 0;
    MPI_Status status;
    MPI_Iprobe(MPI_ANY_SOURCE, kRequest, MPI_COMM_WORLD, &flag, &status);
    if (flag == 0) return false;
    const int source = status.MPI_SOURCE;
    std::uint64_t want = 0;
    MPI_Recv(&want, 1, MPI_UINT64_T, source, kRequest, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    std::vector<std::uint64_t> jobs;
    for (std::uint64_t tasks = 0; tasks < want && !pool_.failed();) {
      const auto job = take_job();
      if (!job) break;
      jobs.push_back(post_receives(source, *job));
      tasks += schedule_.tasks(*job);
    }
    MPI_Send(jobs.data(), static_cast<int>(jobs.size()), MPI_UINT64_T, source, kJobs,
             MPI_COMM_WORLD);
    if (jobs.empty()) ++served_out_;
    return true;
  }

  // Posts the receives of a job handed to `source`; returns the job as sent.
  std::uint64_t post_receives(int source, std::size_t job) {
    const auto post = [source](auto* data, std::size_t count, MPI_Datatype type, int tag,
                               MPI_Request& request) {
      MPI_Irecv(data, static_cast<int>(count), type, source, tag, MPI_COMM_WORLD, &request);
    };
    const bool group = schedule_.is_group(job);
    Receive& r = posted_[static_cast<std::size_t>(source)].emplace_back(
        Receive{group ? job : schedule_.task(job), group});
    if (!group) {
      const TaskResult slot = round_.slot(r.index);
      post(slot.measures.data(), round_.measure_count, MPI_DOUBLE, kTaskMeasures, r.requests[0]);
      post(slot.series.data(), round_.series_length, MPI_FLOAT, kTaskSeries, r.requests[1]);
      return r.index;
    }
    const GroupResult slot = round_.group_slot(job);
    post(slot.measures.data(), slot.measures.size(), MPI_DOUBLE, kGroupMeasures, r.requests[0]);
    post(slot.summary.data(), slot.summary.size(), MPI_FLOAT, kGroupSummary, r.requests[1]);
    if (round_.keep_task_series)
      post(slot.series.data(), slot.series.size(), MPI_FLOAT, kGroupSeries, r.requests[2]);
    return job | kGroupBit;
  }

  // Delivers the jobs whose results are all in, each rank's in the order they were handed out.
  bool receive_results() {
    bool any = false;
    for (auto& receives : posted_) {
      while (!receives.empty()) {
        int done = 0;
        Receive& r = receives.front();
        MPI_Testall(3, r.requests.data(), &done, MPI_STATUSES_IGNORE);
        if (done == 0) break;
        if (r.group) {
          deliver_group(r.index);
        } else {
          deliver(r.index);
        }
        receives.pop_front();
        any = true;
      }
    }
    return any;
  }
#endif

  WorkerPool pool_;  // last: its threads stop before the rest goes
};

#ifdef SAMSPEL_WITH_MPI
// The side of a round of a rank > 0: its calling thread asks rank 0 for jobs ahead and sends
// finished results back in the order the jobs came, without waiting for them to arrive (a
// blocking send spins until rank 0 takes the message, on a core the workers need); its worker
// threads compute the jobs in that order.
class Server {
 public:
  Server(const Round& round, unsigned threads)
      : round_(round),
        threads_(resolve_threads(threads, batch_size(threads))),
        want_(batch_size(threads_)) {}

  void run() {
    pool_.start(threads_, [this] { work(); });
    Backoff backoff;
    while (!pool_.failed() && !(round_over_ && order_.empty() && sending_.empty())) {
      ask_if_low();
      const bool received = receive_jobs();
      const bool sent = send_finished();
      const bool reclaimed = reclaim_sent();
      if (received || sent || reclaimed) {
        backoff.reset();
      } else {
        backoff.pause();
      }
    }
    stop_workers();
    pool_.join();
  }

 private:
  // A job handed to this rank, with room for its results until they are sent. Reused once its
  // sends are complete.
  struct Job {
    std::size_t index = 0;  // task or group
    bool group = false;
    std::vector<double> measures;
    std::vector<float> series;
    std::vector<float> summary;
    std::atomic<bool> done{false};
    std::array<MPI_Request, 3> sends{MPI_REQUEST_NULL, MPI_REQUEST_NULL, MPI_REQUEST_NULL};

    std::size_t tasks(const Round& r) const { return group ? r.group_size : 1; }
  };

  const Round& round_;
  const unsigned threads_;
  const std::uint64_t want_;
  std::mutex mutex_;  // guards waiting_, waiting_tasks_ and over_
  std::condition_variable ready_;
  std::deque<Job*> waiting_;  // handed out, not yet started
  std::size_t waiting_tasks_ = 0;
  bool over_ = false;
  // The calling thread's own: jobs in the order they came (computing or done), jobs whose
  // results are being sent, and jobs to reuse.
  std::deque<std::unique_ptr<Job>> order_;
  std::deque<std::unique_ptr<Job>> sending_;
  std::vector<std::unique_ptr<Job>> spare_;
  bool asked_ = false;
  bool round_over_ = false;

  // A worker thread: computes the waiting jobs until the round is over.
  void work() {
    const Worker compute = round_.make_worker();
    while (Job* job = next_job())
      compute_job(compute, *job);
  }

  Job* next_job() {
    std::unique_lock lock(mutex_);
    ready_.wait(lock, [this] { return over_ || !waiting_.empty(); });
    if (waiting_.empty()) return nullptr;
    Job* job = waiting_.front();
    waiting_.pop_front();
    waiting_tasks_ -= job->tasks(round_);
    return job;
  }

  void compute_job(const Worker& compute, Job& job) {
    if (job.group) {
      job.measures.resize(round_.group_size * round_.measure_count);
      job.series.resize(round_.group_size * round_.series_length);
      job.summary.resize(round_.summary_length);
      run_group(round_, compute, job.index, GroupResult{job.measures, job.series, job.summary},
                job.series);
    } else {
      job.measures.resize(round_.measure_count);
      job.series.resize(round_.series_length);
      compute(job.index, TaskResult{job.measures, job.series});
    }
    job.done.store(true, std::memory_order_release);
  }

  void ask_if_low() {
    if (round_over_ || asked_) return;
    {
      const std::lock_guard lock(mutex_);
      if (waiting_tasks_ > want_ / 2) return;
    }
    MPI_Send(&want_, 1, MPI_UINT64_T, 0, kRequest, MPI_COMM_WORLD);
    asked_ = true;
  }

  // Takes rank 0's answer, if it came: jobs to queue, or none (the round is over).
  bool receive_jobs() {
    if (!asked_) return false;
    int flag = 0;
    MPI_Status status;
    MPI_Iprobe(0, kJobs, MPI_COMM_WORLD, &flag, &status);
    if (flag == 0) return false;
    int count = 0;
    MPI_Get_count(&status, MPI_UINT64_T, &count);
    std::vector<std::uint64_t> jobs(static_cast<std::size_t>(count));
    MPI_Recv(jobs.data(), count, MPI_UINT64_T, 0, kJobs, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    asked_ = false;
    round_over_ = jobs.empty();
    const std::lock_guard lock(mutex_);
    for (const std::uint64_t sent : jobs) {
      std::unique_ptr<Job> job = spare_job();
      job->group = (sent & kGroupBit) != 0;
      job->index = static_cast<std::size_t>(sent & ~kGroupBit);
      job->done.store(false, std::memory_order_relaxed);
      waiting_.push_back(job.get());
      waiting_tasks_ += job->tasks(round_);
      order_.push_back(std::move(job));
    }
    ready_.notify_all();
    return true;
  }

  std::unique_ptr<Job> spare_job() {
    if (spare_.empty()) return std::make_unique<Job>();
    std::unique_ptr<Job> job = std::move(spare_.back());
    spare_.pop_back();
    return job;
  }

  // Starts sending the results of the jobs done, in the order the jobs came.
  bool send_finished() {
    const auto send = [](const auto& values, MPI_Datatype type, int tag, MPI_Request& request) {
      MPI_Isend(values.data(), static_cast<int>(values.size()), type, 0, tag, MPI_COMM_WORLD,
                &request);
    };
    bool any = false;
    while (!order_.empty() && order_.front()->done.load(std::memory_order_acquire)) {
      Job& job = *order_.front();
      if (job.group) {
        send(job.measures, MPI_DOUBLE, kGroupMeasures, job.sends[0]);
        send(job.summary, MPI_FLOAT, kGroupSummary, job.sends[1]);
        if (round_.keep_task_series) send(job.series, MPI_FLOAT, kGroupSeries, job.sends[2]);
      } else {
        send(job.measures, MPI_DOUBLE, kTaskMeasures, job.sends[0]);
        send(job.series, MPI_FLOAT, kTaskSeries, job.sends[1]);
      }
      sending_.push_back(std::move(order_.front()));
      order_.pop_front();
      any = true;
    }
    return any;
  }

  // Keeps the jobs whose sends are complete for reuse.
  bool reclaim_sent() {
    bool any = false;
    while (!sending_.empty()) {
      int sent = 0;
      MPI_Testall(3, sending_.front()->sends.data(), &sent, MPI_STATUSES_IGNORE);
      if (sent == 0) break;
      spare_.push_back(std::move(sending_.front()));
      sending_.pop_front();
      any = true;
    }
    return any;
  }

  void stop_workers() {
    {
      const std::lock_guard lock(mutex_);
      over_ = true;
      waiting_.clear();
    }
    ready_.notify_all();
  }

  WorkerPool pool_;  // last: its threads stop before the rest goes
};
#endif

}  // namespace

std::string mpi_build() {
#ifdef SAMSPEL_WITH_MPI
  // Callable before MPI_Init: --version starts no MPI.
  std::string library(MPI_MAX_LIBRARY_VERSION_STRING, '\0');
  int length = 0;
  MPI_Get_library_version(library.data(), &length);
  library.resize(static_cast<std::size_t>(length));
  return "with MPI (" + library.substr(0, library.find_first_of(",\n")) + ")";
#else
  return "without MPI";
#endif
}

Cluster::Cluster(int* argc, char*** argv) {
#ifdef SAMSPEL_WITH_MPI
  if (launched_by_mpi()) {
    // A study's ranks exchange little next to what they compute, so the transport's speed does
    // not matter, while OpenMPI's default UCX layer probes the machine's devices at every start
    // (bench/README.md). Its ob1 layer (shared memory on one machine, TCP between machines)
    // starts at once. A user's own OMPI_MCA_pml wins (no overwrite).
    setenv("OMPI_MCA_pml", "ob1", 0);
    int provided = 0;
    MPI_Init_thread(argc, argv, MPI_THREAD_FUNNELED, &provided);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
    MPI_Comm_size(MPI_COMM_WORLD, &size_);
    started_ = true;
  }
#else
  (void)argc;
  (void)argv;
  (void)launched_by_mpi;
#endif
}

Cluster::~Cluster() {
#ifdef SAMSPEL_WITH_MPI
  if (started_) MPI_Finalize();
#endif
}

namespace {

#ifdef SAMSPEL_WITH_MPI
// A broadcast that waits by polling with pauses: OpenMPI's blocking calls spin, and a rank
// waiting for rank 0 to finish a round would take a core from rank 0's workers.
void broadcast_politely(void* data, int count, MPI_Datatype type) {
  MPI_Request request = MPI_REQUEST_NULL;
  MPI_Ibcast(data, count, type, 0, MPI_COMM_WORLD, &request);
  Backoff backoff;
  int done = 0;
  MPI_Test(&request, &done, MPI_STATUS_IGNORE);
  while (done == 0) {
    backoff.pause();
    MPI_Test(&request, &done, MPI_STATUS_IGNORE);
  }
}
#endif

}  // namespace

int Cluster::broadcast(int flag) const {
#ifdef SAMSPEL_WITH_MPI
  if (size_ > 1) broadcast_politely(&flag, 1, MPI_INT);
#endif
  return flag;
}

std::vector<int> Cluster::broadcast(std::vector<int> values) const {
#ifdef SAMSPEL_WITH_MPI
  if (size_ > 1) {
    int n = static_cast<int>(values.size());
    broadcast_politely(&n, 1, MPI_INT);
    values.resize(static_cast<std::size_t>(n));
    if (n > 0) broadcast_politely(values.data(), n, MPI_INT);
  }
#endif
  return values;
}

std::size_t whole_groups(std::size_t groups, std::size_t workers) {
  workers = std::max<std::size_t>(workers, 1);
  return groups >= 2 * workers ? groups - workers : 0;
}

std::size_t Cluster::workers(unsigned threads) const {
  return std::size_t{resolve_threads(threads, std::numeric_limits<std::size_t>::max())} *
         static_cast<std::size_t>(size_);
}

void Cluster::coordinate(const Round& round, unsigned threads) const {
  Coordinator(round, workers(threads), size_).run(threads);
}

void Cluster::serve(const Round& round, unsigned threads) const {
#ifdef SAMSPEL_WITH_MPI
  Server(round, threads).run();
#else
  (void)round;
  (void)threads;
#endif
}

}  // namespace samspel::engine
