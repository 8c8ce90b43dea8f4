#include "samspel/study/compare.hpp"

#include "samspel/io/store.hpp"

namespace samspel::study {

io::Comparison run_comparison(const std::vector<io::Variant>& variants,
                              const std::filesystem::path& store, const StudyOptions& options,
                              const Provenance& provenance) {
  const StudyPlan plan = plan_comparison(variants, false, provenance);
  {
    io::Store s(store, plan.description);
    run_study(plan, s, options);
  }
  return io::read_comparison(store);
}

}  // namespace samspel::study
