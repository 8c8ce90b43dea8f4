#include "samspel/analysis/run_measures.hpp"

#include <cmath>
#include <limits>
#include <string_view>
#include <utility>

namespace samspel::analysis {

namespace {

using model::kMetricCount;
using model::Metric;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// The summary measures, in order; keep in step with run_measures() below.
const char* const kSummaryMeasures[][2] = {
    {"majority_shifts", "Majority shifts: at elections, mid-term and scripted"},
    {"election_shifts", "Majority shifts at elections"},
    {"elections", "Elections held"},
    {"kso_changes", "Changes of the person who is KSO"},
    {"ceo_changes", "Changes of the person who is kommunchef"},
    {"ceo_exits_cooperation", "CEO exits over cooperation problems with politicians"},
    {"ceo_exits_new_majority", "CEOs let go by a new majority"},
    {"ceo_exits_other", "CEO exits for other reasons (including scripted ones)"},
    {"ceo_dismissal_after_shift",
     "ceo_exits_new_majority / majority_shifts: the share of majority shifts after which the new "
     "majority let the CEO go (NA without a shift)"},
    {"head_changes", "Changes of department heads"},
    {"transgressions", "Role transgressions over the run"},
    {"lockins", "Transgressions that became lock-ins"},
    {"lockin_share", "lockins / transgressions"},
    {"forums_held", "Joint forums held"},
    {"forums_skipped", "Joint forums skipped (communication substitution)"},
    {"changes_followed", "KSO/CEO changes with a full 12 months after them"},
    {"mean_cooperation_drop",
     "Mean over followed changes of (cooperation 6 months before - mean of the 12 months after)"},
    {"mean_relative_cooperation_drop",
     "Mean over followed changes of the drop as a share of the cooperation before: robustness "
     "whatever the level"},
    {"mean_recovery_months",
     "Mean months until cooperation is back to 90% of its level before, over only the changes "
     "after which it got back in the run: biased, since the changes never back are left out (the "
     "more of them, the slower recovery is); restricted_recovery_months is the unbiased measure"},
    {"unrecovered_changes",
     "Changes with cooperation observed before them after which it never got back to 90% in the "
     "run"},
    {"unrecovered_share_24",
     "Share of changes after which cooperation was not back to 90% of its level before within 24 "
     "months (recovery_months above 24, or never), over the changes with cooperation observed "
     "before them whose state at month 24 is known: back by month 24, or followed through month "
     "24 (the change month is month 0). A change not back when the run ended before its month 24 "
     "is censored: left out. NA without such a change"},
    {"restricted_recovery_months",
     "Restricted mean recovery time over 24 months: the mean of min(recovery_months, 24) over the "
     "changes unrecovered_share_24 counts, a change not back within 24 months counting 24; unlike "
     "mean_recovery_months it leaves out no slow change. NA without such a change"},
    {"mean_lockins_new_pair",
     "Mean of lockins_new_pair (changes.csv) over the changes followed for its 24 months: the "
     "lock-ins in the KSO-kommunchef relation in the 24 months from the change month, that month "
     "included. NA without such a change"},
    {"terms_with_ceo_change",
     "Share of the run's complete four-year periods (from the start) with at least one change of "
     "kommunchef"},
    {"terms_with_two_ceos",
     "Share of the run's complete four-year periods in which two kommunchefer served (one change)"},
    {"terms_with_three_or_more_ceos",
     "Share of the run's complete four-year periods in which three or more kommunchefer served"},
    {"final_fit", "fit(g) in the last month"},
    {"final_satisfaction", "Citizen satisfaction in the last month"},
};
constexpr std::size_t kSummaryCount = std::size(kSummaryMeasures);

// The measures the pages and the report show by a label, not by their name.
struct MeasureLabel {
  std::string_view name;
  std::string_view sv;
  std::string_view en;
};
constexpr MeasureLabel kLabels[] = {
    {"mean_cooperation_kso_ceo", "Samarbete KSO–kommunchef (medel)",
     "KSO–kommunchef cooperation (mean)"},
    {"mean_effective_trust_kso_ceo", "Verksam tillit (medel)", "Effective trust (mean)"},
    {"lockin_share", "Andel överskridanden som låses in", "Share of transgressions locking in"},
    {"mean_cooperation_drop", "Fall i samarbete efter byte", "Cooperation drop after a change"},
    {"mean_recovery_months", "Månader till återhämtning (bara återhämtade byten)",
     "Months to recover (recovered changes only)"},
    {"unrecovered_share_24", "Andel byten utan återhämtning inom 24 månader",
     "Share of changes not recovered within 24 months"},
    {"restricted_recovery_months", "Månader till återhämtning, högst 24",
     "Months to recover, at most 24"},
    {"mean_lockins_new_pair", "Inlåsningar de första 24 månaderna efter byte",
     "Lock-ins in the first 24 months after a change"},
    {"ceo_changes", "Byten av kommunchef", "Kommunchef changes"},
    {"kso_changes", "Byten av KSO", "KSO changes"},
    {"ceo_exits_cooperation", "Kommunchefsavgångar p.g.a. samarbetet",
     "Kommunchef exits over cooperation"},
    {"majority_shifts", "Majoritetsskiften", "Majority shifts"},
    {"mean_consensus_pre_discussion", "Samsyn före diskussion (medel)",
     "Consensus before discussion (mean)"},
    {"mean_belief_diversity", "Mångfald i uppfattningar (medel)", "Diversity of beliefs (mean)"},
    {"mean_fit_ideas", "Idéernas träffsäkerhet (medel)", "Fit of the governing ideas (mean)"},
    {"mean_political_room", "Politikens handlingsutrymme (medel)", "Political room (mean)"},
    {"mean_performance", "Verksamhetens prestation (medel)", "Service performance (mean)"},
    {"mean_satisfaction", "Medborgarnas nöjdhet (medel)", "Citizen satisfaction (mean)"},
    {"mean_vision_vacuum", "Visionsvakuum i ledningen (medel)", "Vision vacuum at the top (mean)"},
};

MeasureInfo labelled(std::string name, std::string meaning) {
  MeasureInfo info{std::move(name), std::move(meaning), {}, {}};
  for (const auto& l : kLabels) {
    if (l.name == info.name) {
      info.sv = l.sv;
      info.en = l.en;
    }
  }
  return info;
}

}  // namespace

double unrecovered_24(const model::ChangeRecord& c) {
  const bool recovered = c.recovery >= 0 && c.recovery <= kRecoveryHorizon;
  if (!std::isfinite(c.before) || !(recovered || c.followed_24)) return kNaN;
  return recovered ? 0 : 1;
}

double restricted_recovery_24(const model::ChangeRecord& c) {
  const double unrecovered = unrecovered_24(c);
  if (!std::isfinite(unrecovered)) return kNaN;
  return unrecovered == 0 ? c.recovery : kRecoveryHorizon;
}

const std::vector<MeasureInfo>& run_measure_info() {
  static const std::vector<MeasureInfo> info = [] {
    std::vector<MeasureInfo> v;
    for (const auto& m : kSummaryMeasures)
      v.push_back(labelled(m[0], m[1]));
    for (const auto& m : model::kMetrics) {
      v.push_back(
          labelled("mean_" + std::string(m.name), "Mean over the run of " + std::string(m.name)));
    }
    return v;
  }();
  return info;
}

void run_measures(const model::RunSummary& s, std::span<const double> series, int months,
                  std::span<double> out) {
  double drop = 0;
  double relative_drop = 0;
  int relative_followed = 0;
  double recovery = 0;
  int followed = 0;
  int recovered = 0;
  int unrecovered = 0;
  // The 24-month risk: the changes whose state at month 24 is known (recovered by then, or
  // followed that long) are at risk; the others are censored by the end of the run.
  int at_risk = 0;
  int not_back_24 = 0;
  double restricted_recovery = 0;
  double lockins = 0;
  int lockins_followed = 0;
  for (const auto& c : s.changes) {
    if (const double u = unrecovered_24(c); std::isfinite(u)) {
      ++at_risk;
      not_back_24 += static_cast<int>(u);
      restricted_recovery += restricted_recovery_24(c);
    }
    if (std::isfinite(c.lockins)) {
      lockins += c.lockins;
      ++lockins_followed;
    }
    if (std::isfinite(c.before) && std::isfinite(c.after)) {
      drop += c.before - c.after;
      ++followed;
      if (c.before > 0) {
        relative_drop += (c.before - c.after) / c.before;
        ++relative_followed;
      }
    }
    if (c.recovery >= 0) {
      recovery += c.recovery;
      ++recovered;
    } else if (std::isfinite(c.before)) {
      ++unrecovered;
    }
  }
  // CEOs serving in each complete four-year period from the start: 1 + the changes in it.
  const int terms = months / 48;
  int terms_with_change = 0;
  int terms_with_two = 0;
  int terms_with_more = 0;
  for (int term = 0; term < terms; ++term) {
    int changes = 0;
    for (const auto& c : s.changes) {
      if (c.seat == model::Seat::ceo && c.step / 48 == term) ++changes;
    }
    terms_with_change += changes > 0 ? 1 : 0;
    terms_with_two += changes == 1 ? 1 : 0;
    terms_with_more += changes > 1 ? 1 : 0;
  }
  const auto term_share = [terms](int n) {
    return terms > 0 ? static_cast<double>(n) / terms : kNaN;
  };
  const auto last = [&](Metric m) {
    return series[static_cast<std::size_t>(months - 1) * kMetricCount +
                  static_cast<std::size_t>(m)];
  };
  const double values[] = {
      static_cast<double>(s.majority_shifts),
      static_cast<double>(s.election_shifts),
      static_cast<double>(s.elections),
      static_cast<double>(s.kso_changes),
      static_cast<double>(s.ceo_changes),
      static_cast<double>(s.ceo_exits_cooperation),
      static_cast<double>(s.ceo_exits_new_majority),
      static_cast<double>(s.ceo_exits_other),
      s.majority_shifts > 0
          ? static_cast<double>(s.ceo_exits_new_majority) / static_cast<double>(s.majority_shifts)
          : kNaN,
      static_cast<double>(s.head_changes),
      static_cast<double>(s.transgressions),
      static_cast<double>(s.lockins),
      s.transgressions > 0 ? static_cast<double>(s.lockins) / static_cast<double>(s.transgressions)
                           : kNaN,
      static_cast<double>(s.forums_held),
      static_cast<double>(s.forums_skipped),
      static_cast<double>(followed),
      followed > 0 ? drop / followed : kNaN,
      relative_followed > 0 ? relative_drop / relative_followed : kNaN,
      recovered > 0 ? recovery / recovered : kNaN,
      static_cast<double>(unrecovered),
      at_risk > 0 ? static_cast<double>(not_back_24) / at_risk : kNaN,
      at_risk > 0 ? restricted_recovery / at_risk : kNaN,
      lockins_followed > 0 ? lockins / lockins_followed : kNaN,
      term_share(terms_with_change),
      term_share(terms_with_two),
      term_share(terms_with_more),
      last(Metric::fit_ideas),
      last(Metric::satisfaction),
  };
  static_assert(std::size(values) == kSummaryCount);
  std::copy(std::begin(values), std::end(values), out.begin());
  for (std::size_t m = 0; m < kMetricCount; ++m) {
    double sum = 0;
    for (int t = 0; t < months; ++t)
      sum += series[static_cast<std::size_t>(t) * kMetricCount + m];
    out[kSummaryCount + m] = sum / months;
  }
}

double window_mean(std::span<const double> series, std::size_t metric, int from_year, int to_year) {
  double sum = 0;
  int n = 0;
  for (int t = (from_year - 1) * 12; t < to_year * 12; ++t) {
    const std::size_t at = static_cast<std::size_t>(t) * kMetricCount + metric;
    if (at >= series.size()) break;
    sum += series[at];
    ++n;
  }
  return n > 0 ? sum / n : kNaN;
}

}  // namespace samspel::analysis
