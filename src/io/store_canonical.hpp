// A finished store rewritten as a function of its contents alone, so that the same study makes
// the same file whatever the threads, the MPI ranks, the memory budget or the timing of its
// writer (docs/results.md). Internal to io/.
#pragma once

#include <memory>

#include "sqlite.hpp"

namespace samspel::io {

// Closes `writer`, the one writer's connection to a store, and replaces the store by a copy
// made from its contents alone: its tables created by their own statements, in the order they
// were, and filled in one transaction in the order of their primary keys. Returns false, and
// leaves the store as it was written, if another connection (a reader) has it open.
bool rewrite_canonically(std::unique_ptr<sqlite::Database> writer);

}  // namespace samspel::io
