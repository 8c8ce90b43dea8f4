// Open connections counted per client address and in all, so that one client cannot take every
// connection (and its memory) of the server. Thread-safe; a Slot gives its place back when it is
// destroyed.
#pragma once

#include <cstddef>
#include <mutex>
#include <string>
#include <unordered_map>

namespace samspel::web {

class ClientSlots {
 public:
  enum class Admission { served, over_client_limit, over_total_limit };

  class Slot {
   public:
    Slot() = default;
    Slot(ClientSlots* owner, std::string address, Admission admission);
    Slot(Slot&& other) noexcept;
    Slot& operator=(Slot&& other) noexcept;
    Slot(const Slot&) = delete;
    Slot& operator=(const Slot&) = delete;
    ~Slot();
    Admission admission() const { return admission_; }

   private:
    ClientSlots* owner_ = nullptr;
    std::string address_;
    Admission admission_ = Admission::served;
  };

  ClientSlots(int per_client, int total) : per_client_(per_client), total_(total) {}

  // Counts a new connection from `address`; over_total_limit takes no place (close it at once).
  Slot admit(const std::string& address);
  int open() const;

 private:
  void release(const std::string& address);

  const int per_client_;
  const int total_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, int> open_;
  int open_total_ = 0;
};

}  // namespace samspel::web
