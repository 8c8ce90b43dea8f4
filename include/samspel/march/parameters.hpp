// March's (1991) model of exploration and exploitation in organisational learning: its
// parameters, with his values as defaults (docs/march.md).
#pragma once

#include <string>

namespace samspel::march {

struct Parameters {
  int dimensions = 30;         // m, the dimensions of reality
  int individuals = 50;        // n, the members of the organisation
  double socialisation = 0.5;  // p1, individuals learning from the code
  double code_learning = 0.5;  // p2, the code learning from the superior group
  double turnover = 0;         // p3, each individual replaced per period
  double turbulence = 0;       // p4, each dimension of reality flipping per period
};

// Empty if the parameters are valid, else one line naming the first offending parameter and
// what is allowed.
std::string validate(const Parameters& p);

}  // namespace samspel::march
