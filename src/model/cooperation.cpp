#include <cmath>

#include "samspel/model/context.hpp"

namespace samspel::model {

double effective_trust(const Relation& r, const Context& ctx) {
  const double w = ctx.derived.role_weight;
  return w * r.role_trust * (0.5 + 0.5 * r.agreement.clarity) + (1 - w) * r.person_trust;
}

double cooperation(const Relation& r, const Context& ctx) {
  return effective_trust(r, ctx) * std::exp(-r.lockins / ctx.k().lockin_scale);
}

}  // namespace samspel::model
