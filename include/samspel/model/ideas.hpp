// The idea space of the samspel model: the primitives shared with March's model
// (samspel/ideas/beliefs.hpp), under the model's names.
#pragma once

#include "samspel/ideas/beliefs.hpp"

namespace samspel::model {

using ideas::adopt;
using ideas::Beliefs;
using ideas::differs_from_code;
using ideas::DimensionCounts;
using ideas::disagreeing_pairs;
using ideas::disagreement;
using ideas::DisagreementTally;
using ideas::fit;
using ideas::low_bits;
using ideas::Mask;
using ideas::matching;
using ideas::nth_bit;
using ideas::random_bit;
using ideas::random_positions;

}  // namespace samspel::model
