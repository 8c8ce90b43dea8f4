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

constexpr int kRequest = 1;
constexpr int kTasks = 2;
constexpr int kDoubles = 3;
constexpr int kFloats = 4;
constexpr int kGroupDoubles = 5;
constexpr int kGroupFloats = 6;
constexpr int kReduced = 7;

// A unit handed to a rank: a task number, or a whole group's number with this bit set.
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

// What rank 0 hands out, in order: the whole groups, then the other groups' tasks one by one.
struct Units {
  std::size_t whole = 0;       // groups handed out whole
  std::size_t group_size = 0;  // tasks a group
  std::size_t count = 0;       // units in all

  Units(const Round& round, std::size_t workers) {
    if (round.group_size > 0) {
      if (round.tasks % round.group_size != 0)
        throw std::invalid_argument("a round's tasks must be a multiple of its group size");
      whole = whole_groups(round.tasks / round.group_size, workers);
      group_size = round.group_size;
    }
    count = whole + (round.tasks - whole * group_size);
  }
  bool is_group(std::size_t unit) const { return unit < whole; }
  std::size_t task(std::size_t unit) const { return whole * group_size + (unit - whole); }
};

// Runs group g's tasks into its slot and reduces them; `floats` is the slot's room for the
// tasks' floats, or scratch.
void run_group(const Round& round, const Worker& compute, std::size_t g, const GroupSlot& slot,
               std::span<float> floats) {
  const std::size_t first = g * round.group_size;
  for (std::size_t i = 0; i < round.group_size; ++i) {
    compute(first + i, TaskSlot{slot.doubles.subspan(i * round.doubles, round.doubles),
                                floats.subspan(i * round.floats, round.floats)});
  }
  round.reduce(g, slot.doubles, floats, slot.reduced);
}

// Rank 0's worker threads and the calling thread share this.
struct LocalRound {
  const Round& round;
  const Units units;
  std::atomic<std::size_t> next{0};       // the next unit to hand out
  std::atomic<std::size_t> delivered{0};  // tasks
  std::atomic<unsigned> running{0};
  std::atomic<bool> failed{false};
  std::mutex mutex;
  std::condition_variable finished;
  std::exception_ptr error;

  LocalRound(const Round& r, std::size_t workers) : round(r), units(r, workers) {}

  bool side_work() const { return round.side_work && round.side_work(); }

  void deliver(std::size_t task) {
    round.delivered(task);
    delivered.fetch_add(1, std::memory_order_acq_rel);
  }
  void deliver_group(std::size_t group) {
    round.group_delivered(group);
    delivered.fetch_add(round.group_size, std::memory_order_acq_rel);
  }

  // Side work first, so that reductions (and the memory they free) keep pace with the tasks;
  // once the tasks are out, wait for the other ranks' results, which may bring side work.
  void work() {
    try {
      const Worker compute = round.make_worker();
      std::vector<float> scratch;  // a whole group's floats when its slot has no room for them
      while (!failed.load(std::memory_order_relaxed)) {
        if (side_work()) continue;
        const std::size_t u = next.fetch_add(1, std::memory_order_relaxed);
        if (u < units.count && units.is_group(u)) {
          const GroupSlot slot = round.group_slot(u);
          std::span<float> floats = slot.floats;
          if (floats.empty()) {
            scratch.resize(round.group_size * round.floats);
            floats = scratch;
          }
          run_group(round, compute, u, slot, floats);
          deliver_group(u);
          continue;
        }
        if (u < units.count) {
          const std::size_t t = units.task(u);
          compute(t, round.slot(t));
          deliver(t);
          continue;
        }
        if (delivered.load(std::memory_order_acquire) >= round.tasks) {
          if (side_work()) continue;
          break;
        }
        std::this_thread::sleep_for(kPollMax);
      }
    } catch (...) {
      const std::lock_guard lock(mutex);
      if (!error) error = std::current_exception();
      failed = true;
    }
    if (running.fetch_sub(1, std::memory_order_acq_rel) == 1) {
      const std::lock_guard lock(mutex);
      finished.notify_all();
    }
  }
};

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
  const unsigned n = resolve_threads(threads, round.tasks);
  LocalRound local(round, workers(threads));
  local.running = n;
  std::vector<std::jthread> pool;
  pool.reserve(n);
  for (unsigned i = 0; i < n; ++i)
    pool.emplace_back([&local] { local.work(); });

  const auto tick_interval = std::chrono::milliseconds(round.tick_ms);
  auto last_tick = Clock::now();
#ifdef SAMSPEL_WITH_MPI
  // When work is handed to a rank, the receives of its results are posted at once, straight
  // into their slots: a rank returns results in the order it got the work, and MPI matches
  // messages of one sender and tag in order. Nothing then waits in a blocking receive (which
  // would spin on a core the workers need until the sender's progress).
  struct Receive {
    std::size_t index;  // task or group
    bool group;
    std::array<MPI_Request, 3> requests;
  };
  std::vector<std::deque<Receive>> posted(static_cast<std::size_t>(size_));
  int served_out = 0;  // ranks told that this round has no more work
  Backoff backoff;
  const Units& units = local.units;
  const auto post = [](auto* data, std::size_t count, MPI_Datatype type, int source, int tag,
                       MPI_Request& request) {
    MPI_Irecv(data, static_cast<int>(count), type, source, tag, MPI_COMM_WORLD, &request);
  };
  // A rank asks for `want` tasks' worth: whole units until there are as many.
  const auto hand_out = [&](int source) {
    std::uint64_t want = 0;
    MPI_Recv(&want, 1, MPI_UINT64_T, source, kRequest, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    std::vector<std::uint64_t> handed;
    std::uint64_t tasks = 0;
    auto& receives = posted[static_cast<std::size_t>(source)];
    while (tasks < want && !local.failed) {
      const std::size_t u = local.next.fetch_add(1, std::memory_order_relaxed);
      if (u >= units.count) break;
      Receive& r = receives.emplace_back(
          Receive{0, units.is_group(u), {MPI_REQUEST_NULL, MPI_REQUEST_NULL, MPI_REQUEST_NULL}});
      if (r.group) {
        r.index = u;
        handed.push_back(u | kGroupBit);
        tasks += units.group_size;
        const GroupSlot slot = round.group_slot(u);
        post(slot.doubles.data(), slot.doubles.size(), MPI_DOUBLE, source, kGroupDoubles,
             r.requests[0]);
        post(slot.reduced.data(), slot.reduced.size(), MPI_FLOAT, source, kReduced, r.requests[1]);
        if (round.keep_task_floats) {
          post(slot.floats.data(), slot.floats.size(), MPI_FLOAT, source, kGroupFloats,
               r.requests[2]);
        }
      } else {
        r.index = units.task(u);
        handed.push_back(r.index);
        tasks += 1;
        const TaskSlot slot = round.slot(r.index);
        post(slot.doubles.data(), round.doubles, MPI_DOUBLE, source, kDoubles, r.requests[0]);
        post(slot.floats.data(), round.floats, MPI_FLOAT, source, kFloats, r.requests[1]);
      }
    }
    MPI_Send(handed.data(), static_cast<int>(handed.size()), MPI_UINT64_T, source, kTasks,
             MPI_COMM_WORLD);
    if (handed.empty()) ++served_out;
  };
  const auto poll = [&] {
    bool busy = false;
    int flag = 0;
    MPI_Status status;
    MPI_Iprobe(MPI_ANY_SOURCE, kRequest, MPI_COMM_WORLD, &flag, &status);
    if (flag != 0) {
      hand_out(status.MPI_SOURCE);
      busy = true;
    }
    for (auto& receives : posted) {
      while (!receives.empty()) {
        int done = 0;
        Receive& r = receives.front();
        MPI_Testall(3, r.requests.data(), &done, MPI_STATUSES_IGNORE);
        if (done == 0) break;
        if (r.group) {
          local.deliver_group(r.index);
        } else {
          local.deliver(r.index);
        }
        receives.pop_front();
        busy = true;
      }
    }
    return busy;
  };
#endif
  // Under MPI the calling thread must answer the ranks at once (a rank holds a few milliseconds
  // of tasks), while a tick that writes the store may take tens of milliseconds: the ticks then
  // run on a thread of their own, still one at a time.
  std::jthread ticker;
  if (size_ > 1) {
    ticker = std::jthread([&round, &local, tick_interval](const std::stop_token& stop) {
      std::mutex mutex;
      std::condition_variable_any wake;
      while (true) {
        {
          std::unique_lock lock(mutex);
          wake.wait_for(lock, stop, tick_interval, [] { return false; });
        }
        if (stop.stop_requested()) return;
        try {
          round.tick();
        } catch (...) {
          const std::lock_guard lock(local.mutex);
          if (!local.error) local.error = std::current_exception();
          local.failed = true;
          return;
        }
      }
    });
  }
  while (true) {
    bool busy = false;
#ifdef SAMSPEL_WITH_MPI
    if (size_ > 1) busy = poll();
    const bool ranks_done = size_ == 1 || served_out == size_ - 1;
#else
    const bool ranks_done = true;
#endif
    if ((local.running.load() == 0 && ranks_done) || local.failed.load()) break;
    if (size_ == 1 && Clock::now() - last_tick >= tick_interval) {
      round.tick();
      last_tick = Clock::now();
    }
    if (busy) {
#ifdef SAMSPEL_WITH_MPI
      backoff.reset();
#endif
      continue;
    }
#ifdef SAMSPEL_WITH_MPI
    if (size_ > 1) {
      backoff.pause();
      continue;
    }
#endif
    std::unique_lock lock(local.mutex);
    local.finished.wait_until(lock, last_tick + tick_interval, [&local] {
      return local.running.load() == 0 || local.failed.load();
    });
  }
  pool.clear();  // joins
  if (ticker.joinable()) {
    ticker.request_stop();
    ticker.join();
  }
  if (local.error) std::rethrow_exception(local.error);
  round.tick();
}

void Cluster::serve(const Round& round, unsigned threads) const {
#ifdef SAMSPEL_WITH_MPI
  // A task or a whole group handed to this rank, with room for its results until they are sent.
  struct Item {
    std::size_t index = 0;  // task or group
    bool group = false;
    std::vector<double> doubles;
    std::vector<float> floats;
    std::vector<float> reduced;
    std::atomic<bool> done{false};
    std::array<MPI_Request, 3> sends{MPI_REQUEST_NULL, MPI_REQUEST_NULL, MPI_REQUEST_NULL};

    std::size_t tasks(const Round& r) const { return group ? r.group_size : 1; }
  };
  const unsigned n = resolve_threads(threads, batch_size(threads));
  const std::uint64_t want = batch_size(n);
  std::mutex mutex;
  std::condition_variable ready;
  std::deque<Item*> waiting;  // handed out, not yet started
  std::size_t waiting_tasks = 0;
  bool over = false;
  std::exception_ptr error;

  const auto work = [&] {
    try {
      const Worker compute = round.make_worker();
      while (true) {
        Item* item = nullptr;
        {
          std::unique_lock lock(mutex);
          ready.wait(lock, [&] { return over || !waiting.empty(); });
          if (waiting.empty()) return;
          item = waiting.front();
          waiting.pop_front();
          waiting_tasks -= item->tasks(round);
        }
        if (item->group) {
          item->doubles.resize(round.group_size * round.doubles);
          item->floats.resize(round.group_size * round.floats);
          item->reduced.resize(round.reduced_floats);
          run_group(round, compute, item->index,
                    GroupSlot{item->doubles, item->floats, item->reduced}, item->floats);
        } else {
          item->doubles.resize(round.doubles);
          item->floats.resize(round.floats);
          compute(item->index, TaskSlot{item->doubles, item->floats});
        }
        item->done.store(true, std::memory_order_release);
      }
    } catch (...) {
      const std::lock_guard lock(mutex);
      if (!error) error = std::current_exception();
    }
  };
  std::vector<std::jthread> pool;
  for (unsigned i = 0; i < n; ++i)
    pool.emplace_back(work);

  // The calling thread asks for work ahead and sends finished results in the order the work
  // came, without waiting for them to arrive (a blocking send spins until rank 0 takes the
  // message, on a core the workers need); items are reused once their sends are complete.
  std::deque<std::unique_ptr<Item>> order;
  std::deque<std::unique_ptr<Item>> sending;
  std::vector<std::unique_ptr<Item>> spare;
  bool asked = false;
  bool round_over = false;
  Backoff backoff;
  const auto send = [](const auto& values, MPI_Datatype type, int tag, MPI_Request& request) {
    MPI_Isend(values.data(), static_cast<int>(values.size()), type, 0, tag, MPI_COMM_WORLD,
              &request);
  };
  while (true) {
    bool busy = false;
    std::size_t queued = 0;
    {
      const std::lock_guard lock(mutex);
      queued = waiting_tasks;
      if (error) break;
    }
    if (!round_over && !asked && queued <= want / 2) {
      MPI_Send(&want, 1, MPI_UINT64_T, 0, kRequest, MPI_COMM_WORLD);
      asked = true;
    }
    if (asked) {
      int flag = 0;
      MPI_Status status;
      MPI_Iprobe(0, kTasks, MPI_COMM_WORLD, &flag, &status);
      if (flag != 0) {
        int count = 0;
        MPI_Get_count(&status, MPI_UINT64_T, &count);
        std::vector<std::uint64_t> units(static_cast<std::size_t>(count));
        MPI_Recv(units.data(), count, MPI_UINT64_T, 0, kTasks, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
        asked = false;
        busy = true;
        round_over = units.empty();
        const std::lock_guard lock(mutex);
        for (const std::uint64_t u : units) {
          std::unique_ptr<Item> item;
          if (spare.empty()) {
            item = std::make_unique<Item>();
          } else {
            item = std::move(spare.back());
            spare.pop_back();
          }
          item->group = (u & kGroupBit) != 0;
          item->index = static_cast<std::size_t>(u & ~kGroupBit);
          item->done.store(false, std::memory_order_relaxed);
          waiting.push_back(item.get());
          waiting_tasks += item->tasks(round);
          order.push_back(std::move(item));
        }
        ready.notify_all();
      }
    }
    while (!order.empty() && order.front()->done.load(std::memory_order_acquire)) {
      Item& item = *order.front();
      if (item.group) {
        send(item.doubles, MPI_DOUBLE, kGroupDoubles, item.sends[0]);
        send(item.reduced, MPI_FLOAT, kReduced, item.sends[1]);
        if (round.keep_task_floats) send(item.floats, MPI_FLOAT, kGroupFloats, item.sends[2]);
      } else {
        send(item.doubles, MPI_DOUBLE, kDoubles, item.sends[0]);
        send(item.floats, MPI_FLOAT, kFloats, item.sends[1]);
      }
      sending.push_back(std::move(order.front()));
      order.pop_front();
      busy = true;
    }
    while (!sending.empty()) {
      int sent = 0;
      MPI_Testall(3, sending.front()->sends.data(), &sent, MPI_STATUSES_IGNORE);
      if (sent == 0) break;
      spare.push_back(std::move(sending.front()));
      sending.pop_front();
      busy = true;
    }
    if (round_over && order.empty() && sending.empty()) break;
    if (busy) {
      backoff.reset();
    } else {
      backoff.pause();
    }
  }
  {
    const std::lock_guard lock(mutex);
    over = true;
    waiting.clear();
  }
  ready.notify_all();
  pool.clear();
  if (error) std::rethrow_exception(error);
#else
  (void)round;
  (void)threads;
#endif
}

}  // namespace samspel::engine
