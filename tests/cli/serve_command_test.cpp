// `samspel serve` refuses an address it cannot use with one line and exit code 2; it serves
// until SIGTERM, then exits 0 and leaves no scratch files.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <string>
#include <thread>

#include "support/samspel_binary.hpp"

namespace {

using samspel_test::Result;
using samspel_test::samspel;

TEST(ServeCommand, RefusesAnAddressItCannotUse) {
  const Result bad_host = samspel("serve --port 0 --host 256.1.1.1");
  EXPECT_EQ(bad_host.exit_code, 2);
  EXPECT_EQ(bad_host.output, "samspel: --host/--port: cannot listen on 256.1.1.1:0\n");
  EXPECT_EQ(samspel("serve --port 70000").exit_code, 2);
}

TEST(ServeCommand, StopsCleanlyOnSigterm) {
  int out[2];
  ASSERT_EQ(::pipe(out), 0);
  const pid_t pid = ::fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    ::dup2(out[1], STDOUT_FILENO);
    ::close(out[0]);
    ::execl(SAMSPEL_BINARY, SAMSPEL_BINARY, "serve", "--port", "0", static_cast<char*>(nullptr));
    ::_exit(127);
  }
  ::close(out[1]);
  std::string line;
  char c = 0;
  while (::read(out[0], &c, 1) == 1 && c != '\n')
    line += c;
  ::close(out[0]);
  EXPECT_EQ(line.rfind("samspel serving on http://127.0.0.1:", 0), 0u) << line;
  const auto scratch = std::filesystem::temp_directory_path();
  ::kill(pid, SIGTERM);
  int status = 0;
  ::waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFEXITED(status)) << "killed by signal " << WTERMSIG(status);
  EXPECT_EQ(WEXITSTATUS(status), 0);
  const std::string prefix = "samspel-serve-" + std::to_string(pid) + "-";
  for (const auto& entry : std::filesystem::directory_iterator(scratch))
    EXPECT_NE(entry.path().filename().string().rfind(prefix, 0), 0u) << entry.path();
}

}  // namespace
