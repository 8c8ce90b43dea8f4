#include <fmt/format.h>

#include <cmath>
#include <stdexcept>
#include <utility>

#include "samspel/model/context.hpp"

namespace samspel::model {

namespace {

double derived_capacity(const Parameters& p) {
  if (!std::isnan(p.municipality.capacity)) return p.municipality.capacity;
  const double lo = p.model.capacity_population_low;
  const double hi = p.model.capacity_population_high;
  return clamp01(std::log(p.municipality.population / lo) / std::log(hi / lo));
}

}  // namespace

std::optional<JointProblem> joint_problem(const Parameters& p) {
  const auto& m = p.municipality;
  if (m.committees > m.departments) {
    return JointProblem{"municipality.committees",
                        fmt::format("{} is not allowed; allowed: at most municipality.departments "
                                    "({})",
                                    m.committees, m.departments)};
  }
  const int sectors = p.model.dimensions - p.model.whole_dimensions;
  if (sectors < m.departments) {
    return JointProblem{
        "model.whole_dimensions",
        fmt::format("{} leaves {} sector dimensions for {} departments; allowed: at most "
                    "model.dimensions - municipality.departments ({})",
                    p.model.whole_dimensions, sectors, m.departments,
                    p.model.dimensions - m.departments)};
  }
  return std::nullopt;
}

Description describe(const Parameters& p, std::vector<ScriptedEvent> events) {
  Description description{p, {}, std::move(events)};
  Derived& d = description.derived;
  d.dimensions = p.model.dimensions;
  d.departments = p.municipality.departments;
  d.committees = p.municipality.committees;
  if (const auto breach = joint_problem(p)) {
    throw std::invalid_argument(fmt::format("{}: {}", breach->key, breach->problem));
  }
  const int sector_total = d.dimensions - p.model.whole_dimensions;
  d.capacity = derived_capacity(p);
  d.role_weight =
      p.strategy.foundation == Foundation::roles ? p.model.weight_roles : p.model.weight_chemistry;
  d.all_dims = low_bits(d.dimensions);
  d.whole_dims = low_bits(p.model.whole_dimensions);
  // Sector k owns a contiguous block of the remaining dimensions; the first round(R * size)
  // of its block are set by state regulation.
  int begin = p.model.whole_dimensions;
  for (int k = 0; k < d.departments; ++k) {
    const int end = p.model.whole_dimensions + sector_total * (k + 1) / d.departments;
    const int size = end - begin;
    const Mask block = low_bits(end) & ~low_bits(begin);
    const int regulated = static_cast<int>(std::lround(p.municipality.regulation * size));
    d.sector_dims[k] = block;
    d.regulated_dims[k] = low_bits(begin + regulated) & ~low_bits(begin);
    d.all_sector_dims |= block;
    begin = end;
  }
  d.seats[d.seat_count++] = kKso;
  d.seats[d.seat_count++] = kOpposition;
  d.seats[d.seat_count++] = kCeo;
  for (int c = 0; c < d.committees; ++c)
    d.seats[d.seat_count++] = chair_seat(c);
  for (int h = 0; h < d.departments; ++h)
    d.seats[d.seat_count++] = head_seat(h);
  auto add_relation = [&d](int index, bool cross_side) {
    d.relations[d.relation_count++] = index;
    if (cross_side) d.cross_relations[d.cross_relation_count++] = index;
  };
  add_relation(kKsoCeo, true);
  add_relation(kKsoOpposition, false);
  for (int k = 0; k < d.departments; ++k)
    add_relation(politician_head_pair(k), true);
  for (int k = 0; k < d.departments; ++k)
    add_relation(ceo_head_pair(k), false);
  d.spin_up_months = 12 * p.model.spin_up_years;
  d.lockin_keep = std::exp2(-1.0 / p.model.lockin_half_life);
  d.clarity_keep = std::exp(-1.0 / p.model.clarity_decay);
  d.openness_keep = std::exp(-1.0 / p.model.rigidity_time);
  for (std::size_t i = 0; i < d.communication.size(); ++i) {
    d.communication[i] = std::exp(-static_cast<double>(i) / p.model.communication_horizon);
  }
  return description;
}

}  // namespace samspel::model
