#include "samspel/engine/memory.hpp"

#include <gtest/gtest.h>

namespace samspel::engine {
namespace {

TEST(Memory, ReadsMemAvailableInKibibytes) {
  const char* meminfo =
      "MemTotal:       24576000 kB\nMemFree:         1000 kB\nMemAvailable:   20480000 kB\n";
  EXPECT_EQ(mem_available_from_meminfo(meminfo), std::size_t{20480000} * 1024);
}

TEST(Memory, NoMemAvailableLineGivesNothing) {
  EXPECT_EQ(mem_available_from_meminfo("MemTotal: 1000 kB\n"), std::nullopt);
  EXPECT_EQ(mem_available_from_meminfo("MemAvailable: lots\n"), std::nullopt);
}

TEST(Memory, ThisMachineReportsSomeMemory) {
  const auto available = available_memory();
  ASSERT_TRUE(available.has_value());
  EXPECT_GT(*available, std::size_t{0});
}

TEST(Memory, SizesReadAsPeopleWriteThem) {
  EXPECT_EQ(format_bytes(512 * 1024 * 1024), "512 MB");
  EXPECT_EQ(format_bytes((std::size_t{15} << 30U) + (std::size_t{300} << 20U)), "15.3 GB");
  EXPECT_EQ(format_bytes(10), "1 MB");
}

}  // namespace
}  // namespace samspel::engine
