#include "samspel/web/client_slots.hpp"

#include <utility>

namespace samspel::web {

ClientSlots::Slot::Slot(ClientSlots* owner, std::string address, Admission admission)
    : owner_(owner), address_(std::move(address)), admission_(admission) {}

ClientSlots::Slot::Slot(Slot&& other) noexcept
    : owner_(std::exchange(other.owner_, nullptr)),
      address_(std::move(other.address_)),
      admission_(other.admission_) {}

ClientSlots::Slot& ClientSlots::Slot::operator=(Slot&& other) noexcept {
  if (this != &other) {
    if (owner_ != nullptr) owner_->release(address_);
    owner_ = std::exchange(other.owner_, nullptr);
    address_ = std::move(other.address_);
    admission_ = other.admission_;
  }
  return *this;
}

ClientSlots::Slot::~Slot() {
  if (owner_ != nullptr) owner_->release(address_);
}

ClientSlots::Slot ClientSlots::admit(const std::string& address) {
  const std::lock_guard lock(mutex_);
  if (open_total_ >= total_) return Slot(nullptr, address, Admission::over_total_limit);
  int& from_client = open_[address];
  const Admission admission =
      from_client >= per_client_ ? Admission::over_client_limit : Admission::served;
  ++from_client;
  ++open_total_;
  return Slot(this, address, admission);
}

int ClientSlots::open() const {
  const std::lock_guard lock(mutex_);
  return open_total_;
}

void ClientSlots::release(const std::string& address) {
  const std::lock_guard lock(mutex_);
  --open_total_;
  const auto it = open_.find(address);
  if (it != open_.end() && --it->second <= 0) open_.erase(it);
}

}  // namespace samspel::web
