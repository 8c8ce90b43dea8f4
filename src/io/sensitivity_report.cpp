#include "samspel/io/sensitivity_report.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>
#include <numeric>
#include <stdexcept>
#include <utility>

#include "samspel/io/atomic_file.hpp"
#include "samspel/io/dictionary.hpp"
#include "samspel/io/number_format.hpp"
#include "samspel/io/scenario.hpp"

namespace samspel::io {

namespace {

std::string_view method_name(Method m) {
  return m == Method::morris ? "morris" : "sobol";
}

// A CSV field: quoted, with quotes doubled.
std::string csv_field(std::string_view text) {
  std::string out = "\"";
  for (const char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

// Factors in order of influence on `o`: mu* for Morris, ST for Sobol'.
std::vector<std::size_t> ranking(const SensitivityResult& r, const SensitivityOutput& o) {
  std::vector<std::size_t> order(r.factors.size());
  std::iota(order.begin(), order.end(), 0);
  const auto weight = [&](std::size_t f) {
    return r.method == Method::morris ? o.morris[f].mu_star : o.sobol[f].total;
  };
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return weight(a) > weight(b); });
  return order;
}

}  // namespace

double Factor::at(double unit) const {
  return log ? std::exp(std::log(low) + unit * (std::log(high) - std::log(low)))
             : low + unit * (high - low);
}

Factor parse_factor(std::string_view text) {
  const std::string shown(text);
  const auto fail = [&](std::string_view why) -> Factor {
    throw ScenarioError(fmt::format("--param {}: {}", shown, why));
  };
  const auto eq = text.find('=');
  if (eq == std::string_view::npos) return fail("allowed: key=low:high or key=low:high:log");
  Factor f;
  f.key = std::string(text.substr(0, eq));
  const ParameterSpec* spec = find_parameter(f.key);
  if (spec == nullptr || spec->kind != Kind::Real)
    return fail("not a real parameter; allowed: a real parameter of docs/parameters.md");
  std::string rest(text.substr(eq + 1));
  if (rest.ends_with(":log")) {
    f.log = true;
    rest.resize(rest.size() - 4);
  }
  const auto colon = rest.find(':');
  try {
    if (colon == std::string::npos) throw std::invalid_argument("no colon");
    std::size_t used = 0;
    f.low = std::stod(rest.substr(0, colon), &used);
    if (used != colon) throw std::invalid_argument("trailing");
    const std::string high = rest.substr(colon + 1);
    f.high = std::stod(high, &used);
    if (used != high.size()) throw std::invalid_argument("trailing");
  } catch (const std::logic_error&) {
    return fail("allowed: key=low:high or key=low:high:log with numbers");
  }
  if (!(f.low < f.high) || f.low < spec->low || f.high > spec->high)
    return fail(fmt::format("allowed: low < high within [{}, {}]", spec->low, spec->high));
  if (f.log && f.low <= 0) return fail("allowed: low > 0 for a log range");
  return f;
}

namespace {

// Factor f's typical value at the points where the output reverses (the value at their mean
// position) and the z of that position against all points; NaN where nothing reverses or the
// reversals were not computed.
std::pair<double, double> reversal(const SensitivityOutput& o, const Factor& x, std::size_t f) {
  constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
  if (o.reversals.flips == 0 || f >= o.reversals.factors.size()) return {kNaN, kNaN};
  const engine::FlipFactor& row = o.reversals.factors[f];
  return {x.at(row.mean_flips), row.z};
}

// "model.weight_roles low (0.301-0.352 there, typically 0.32; z = -8.1)" for each factor the
// reversals depend on.
std::string reversal_lines(const SensitivityResult& r, const SensitivityOutput& o) {
  std::string out;
  for (const int f : o.reversals.named()) {
    const Factor& x = r.factors[static_cast<std::size_t>(f)];
    const engine::FlipFactor& row = o.reversals.factors[static_cast<std::size_t>(f)];
    out += fmt::format("    {} {} ({:.3g} to {:.3g} there, typically {:.3g}; z = {:+.1f})\n", x.key,
                       row.z > 0 ? "high" : "low", x.at(row.low), x.at(row.high),
                       x.at(row.mean_flips), row.z);
  }
  return out;
}

}  // namespace

std::string sensitivity_csv(const SensitivityResult& r) {
  const bool morris = r.method == Method::morris;
  std::string out =
      morris ? "output,factor,low,high,log,mu,mu_star,mu_star_low,mu_star_high,"
               "sigma,base_value,noise_share,opposite_sign,undefined_points,reversal_value,"
               "reversal_z\n"
             : "output,factor,low,high,log,s1,s1_low,s1_high,st,st_low,st_high,"
               "base_value,noise_share,opposite_sign,undefined_points,reversal_value,"
               "reversal_z\n";
  for (const auto& o : r.outputs) {
    for (std::size_t f = 0; f < r.factors.size(); ++f) {
      const Factor& x = r.factors[f];
      std::string indices;
      if (morris) {
        const auto& m = o.morris[f];
        indices =
            fmt::format("{},{},{},{},{}", csv_number(m.mu), csv_number(m.mu_star),
                        csv_number(m.mu_star_low), csv_number(m.mu_star_high), csv_number(m.sigma));
      } else {
        const auto& s = o.sobol[f];
        indices =
            fmt::format("{},{},{},{},{},{}", csv_number(s.first), csv_number(s.first_interval.low),
                        csv_number(s.first_interval.high), csv_number(s.total),
                        csv_number(s.total_interval.low), csv_number(s.total_interval.high));
      }
      const auto [value, z] = reversal(o, x, f);
      out += fmt::format("{},{},{},{},{},{},{},{},{},{},{},{}\n", csv_field(o.name), x.key,
                         csv_number(x.low), csv_number(x.high), x.log ? 1 : 0, indices,
                         csv_number(o.base_value), csv_number(o.noise_share), o.opposite_sign,
                         o.undefined_points, csv_number(value), csv_number(z));
    }
  }
  return out;
}

namespace {

// The factors the reversals depend on, in parameter units.
nlohmann::ordered_json reversals_json(const SensitivityResult& r, const SensitivityOutput& o) {
  nlohmann::ordered_json where = nlohmann::ordered_json::array();
  for (const int f : o.reversals.named()) {
    const Factor& x = r.factors[static_cast<std::size_t>(f)];
    const engine::FlipFactor& row = o.reversals.factors[static_cast<std::size_t>(f)];
    where.push_back({{"factor", x.key},
                     {"side", row.z > 0 ? "high" : "low"},
                     {"low", json_number(x.at(row.low))},
                     {"high", json_number(x.at(row.high))},
                     {"typical", json_number(x.at(row.mean_flips))},
                     {"z", json_number(row.z)}});
  }
  return {{"z_bound", json_number(o.reversals.z_bound)}, {"where", where}};
}

}  // namespace

std::string sensitivity_json(const SensitivityResult& r, const Provenance& p) {
  nlohmann::ordered_json j;
  j["samspel_version"] = p.samspel_version;
  j["git_revision"] = p.git_revision;
  j["command_line"] = p.command_line;
  j["scenario"] = r.scenario;
  j["method"] = method_name(r.method);
  j["seed"] = r.seed;
  j["points"] = r.points;
  j["replicates"] = r.replicates;
  j["design_points"] = r.design_points;
  j["runs"] = r.runs;
  j["common_random_numbers"] = "replicate i at every design point uses the streams of (seed, i)";
  j["noise_warning_above"] = kNoiseWarning;
  nlohmann::ordered_json factors = nlohmann::ordered_json::array();
  for (const auto& f : r.factors)
    factors.push_back({{"key", f.key}, {"low", f.low}, {"high", f.high}, {"log", f.log}});
  j["factors"] = factors;
  nlohmann::ordered_json outputs = nlohmann::ordered_json::array();
  for (const auto& o : r.outputs) {
    nlohmann::ordered_json indices = nlohmann::ordered_json::array();
    for (std::size_t f = 0; f < r.factors.size(); ++f) {
      if (r.method == Method::morris) {
        const auto& m = o.morris[f];
        indices.push_back({{"factor", r.factors[f].key},
                           {"mu", json_number(m.mu)},
                           {"mu_star", json_number(m.mu_star)},
                           {"mu_star_low", json_number(m.mu_star_low)},
                           {"mu_star_high", json_number(m.mu_star_high)},
                           {"sigma", json_number(m.sigma)}});
      } else {
        const auto& s = o.sobol[f];
        indices.push_back({{"factor", r.factors[f].key},
                           {"s1", json_number(s.first)},
                           {"s1_low", json_number(s.first_interval.low)},
                           {"s1_high", json_number(s.first_interval.high)},
                           {"st", json_number(s.total)},
                           {"st_low", json_number(s.total_interval.low)},
                           {"st_high", json_number(s.total_interval.high)}});
      }
    }
    outputs.push_back({{"output", o.name},
                       {"base_value", json_number(o.base_value)},
                       {"noise_share", json_number(o.noise_share)},
                       {"too_noisy", o.undefined_points == 0 && !(o.noise_share <= kNoiseWarning)},
                       {"opposite_sign", o.opposite_sign},
                       {"undefined_points", o.undefined_points},
                       {"reversals", reversals_json(r, o)},
                       {"indices", indices}});
  }
  j["outputs"] = outputs;
  return j.dump(2) + "\n";
}

std::string sensitivity_table(const SensitivityResult& r, int top) {
  const bool morris = r.method == Method::morris;
  std::string out =
      fmt::format("{} over {} parameters: {} design points x {} replicates = {} runs (seed {})\n",
                  morris ? "Morris screening" : "Sobol' indices", r.factors.size(), r.design_points,
                  r.replicates, r.runs, r.seed);
  for (const auto& o : r.outputs) {
    out +=
        fmt::format("\n{}  (at the file's values {}; opposite sign at {} of {} points)\n", o.name,
                    std::isfinite(o.base_value) ? fmt::format("{:+.4g}", o.base_value)
                                                : std::string("undefined"),
                    o.opposite_sign, r.design_points);
    if (const std::string lines = reversal_lines(r, o); !lines.empty())
      out += "  the points of opposite sign lie where\n" + lines;
    if (o.undefined_points > 0) {
      out += fmt::format(
          "  UNDEFINED at {} of {} design points (fewer than two replicates had a value there): "
          "no indices for this output\n",
          o.undefined_points, r.design_points);
      continue;
    }
    if (!(o.noise_share <= kNoiseWarning)) {
      out += fmt::format(
          "  WARNING: replicate noise is {:.0f}% of the variance across points: the indices "
          "mostly show noise; use more --replicates\n",
          100 * o.noise_share);
    } else {
      out += fmt::format("  replicate noise: {:.1f}% of the variance across points\n",
                         100 * o.noise_share);
    }
    out += morris ? "  parameter                                   mu*  [95% CI]            mu     "
                    "sigma\n"
                  : "  parameter                                    ST  [95% CI]            S1  "
                    "[95% CI]\n";
    const auto order = ranking(r, o);
    for (std::size_t i = 0; i < order.size() && static_cast<int>(i) < top; ++i) {
      const std::size_t f = order[i];
      if (morris) {
        const auto& m = o.morris[f];
        out +=
            fmt::format("  {:<38} {:>9.3g}  [{:.3g}, {:.3g}]  {:>+9.3g} {:>9.3g}\n",
                        r.factors[f].key, m.mu_star, m.mu_star_low, m.mu_star_high, m.mu, m.sigma);
      } else {
        const auto& s = o.sobol[f];
        out += fmt::format("  {:<38} {:>9.3f}  [{:.3f}, {:.3f}]  {:>7.3f}  [{:.3f}, {:.3f}]\n",
                           r.factors[f].key, s.total, s.total_interval.low, s.total_interval.high,
                           s.first, s.first_interval.low, s.first_interval.high);
      }
    }
  }
  return out;
}

void write_sensitivity_directory(const std::filesystem::path& dir, const SensitivityResult& r,
                                 const Provenance& p) {
  std::filesystem::create_directories(dir);
  write_file_atomically(dir / "sensitivity.csv", sensitivity_csv(r));
  write_file_atomically(dir / "sensitivity.json", sensitivity_json(r, p));
}

}  // namespace samspel::io
