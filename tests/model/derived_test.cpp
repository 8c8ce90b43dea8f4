// The fixed lists the monthly processes walk instead of testing every slot.
#include <gtest/gtest.h>

#include <utility>
#include <vector>

#include "test_model.hpp"

namespace samspel::model {
namespace {

using testing::TestModel;

// The lists must name exactly the relations initialisation activates, in slot order.
TEST(Derived, RelationListsNameTheWorkingRelationsInSlotOrder) {
  for (const auto& [departments, committees] : {std::pair{6, 6}, {1, 0}, {12, 5}, {3, 3}}) {
    Parameters p;
    p.municipality.departments = departments;
    p.municipality.committees = committees;
    TestModel m(p);
    const Derived& d = m.ctx().derived;
    std::vector<int> working;
    std::vector<int> cross;
    for (int i = 0; i < kMaxRelations; ++i) {
      if (!m.s().relations[i].active) continue;
      working.push_back(i);
      if (m.s().relations[i].cross_side) cross.push_back(i);
    }
    const auto w = working_relations(d);
    const auto c = cross_side_relations(d);
    EXPECT_EQ(std::vector<int>(w.begin(), w.end()), working);
    EXPECT_EQ(std::vector<int>(c.begin(), c.end()), cross);
  }
}

}  // namespace
}  // namespace samspel::model
