#include "samspel/web/jobs.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <future>
#include <nlohmann/json.hpp>
#include <thread>

namespace samspel::web {
namespace {

using nlohmann::json;

std::string wait_until_finished(const Jobs& jobs, const std::string& id) {
  for (int i = 0; i < 1000; ++i) {
    const auto status = jobs.status_json(id);
    if (status && json::parse(*status)["status"] != "running") return *status;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  ADD_FAILURE() << "job " << id << " did not finish";
  return {};
}

TEST(Jobs, RefusesBeyondTheRunningLimitAndAcceptsAgainAfter) {
  Jobs jobs(1, 4);
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  const auto first = jobs.start("run", 3, [released](const Jobs::Progress& progress) {
    progress(2);
    released.wait();
    return json{{"answer", 42}}.dump();
  });
  ASSERT_TRUE(first);
  EXPECT_FALSE(jobs.start("run", 1, [](const Jobs::Progress&) { return std::string("{}"); }));
  release.set_value();
  const json done = json::parse(wait_until_finished(jobs, *first));
  EXPECT_EQ(done["status"], "done");
  EXPECT_EQ(done["done"], 2);
  EXPECT_EQ(done["total"], 3);
  EXPECT_EQ(done["result"]["answer"], 42);
  EXPECT_TRUE(jobs.start("run", 1, [](const Jobs::Progress&) { return std::string("{}"); }));
}

TEST(Jobs, AFailingJobReportsItsErrorAndFreesItsSlot) {
  Jobs jobs(1, 4);
  const auto id = jobs.start("run", 1, [](const Jobs::Progress&) -> std::string {
    throw std::runtime_error("model exploded");
  });
  ASSERT_TRUE(id);
  const json status = json::parse(wait_until_finished(jobs, *id));
  EXPECT_EQ(status["status"], "failed");
  EXPECT_EQ(status["error"], "model exploded");
  EXPECT_EQ(jobs.running(), 0);
}

TEST(Jobs, KeepsOnlyTheLastFinished) {
  Jobs jobs(1, 2);
  std::vector<std::string> ids;
  for (int i = 0; i < 4; ++i) {
    const auto id = jobs.start("run", 1, [i](const Jobs::Progress&) { return std::to_string(i); });
    ASSERT_TRUE(id);
    wait_until_finished(jobs, *id);
    ids.push_back(*id);
  }
  EXPECT_FALSE(jobs.status_json(ids[0]));
  EXPECT_FALSE(jobs.status_json(ids[1]));
  EXPECT_TRUE(jobs.status_json(ids[2]));
  EXPECT_TRUE(jobs.status_json(ids[3]));
}

}  // namespace
}  // namespace samspel::web
