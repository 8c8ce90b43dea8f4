// `samspel serve` refuses an address it cannot use with one line and exit code 2; it serves
// until SIGTERM, then exits 0 and leaves no scratch files; it prints its address as a URL and
// warns when the address exposes it to the network.
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

// Starts `samspel serve --port 0 --host HOST`, reads its output (stdout and stderr) up to the
// "serving on" line, stops it with SIGTERM and returns that output.
std::string first_lines_of_serve(const char* host) {
  int out[2];
  if (::pipe(out) != 0) return {};
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::dup2(out[1], STDOUT_FILENO);
    ::dup2(out[1], STDERR_FILENO);
    ::close(out[0]);
    ::execl(SAMSPEL_BINARY, SAMSPEL_BINARY, "serve", "--port", "0", "--host", host,
            static_cast<char*>(nullptr));
    ::_exit(127);
  }
  ::close(out[1]);
  std::string text;
  char c = 0;
  while (text.find("serving on") == std::string::npos || text.back() != '\n') {
    if (::read(out[0], &c, 1) != 1) break;
    text += c;
  }
  ::close(out[0]);
  ::kill(pid, SIGTERM);
  int status = 0;
  ::waitpid(pid, &status, 0);
  return text;
}

TEST(ServeCommand, WarnsWhenTheAddressReachesTheNetwork) {
  const std::string all = first_lines_of_serve("0.0.0.0");
  EXPECT_NE(all.find("samspel: warning: --host 0.0.0.0 exposes the app to the network"),
            std::string::npos)
      << all;
  EXPECT_NE(all.find("samspel serving on http://0.0.0.0:"), std::string::npos) << all;
  const std::string local = first_lines_of_serve("127.0.0.1");
  EXPECT_EQ(local.find("warning"), std::string::npos) << local;
}

TEST(ServeCommand, PrintsAnIpv6AddressInBrackets) {
  const std::string v6 = first_lines_of_serve("::");
  EXPECT_NE(v6.find("samspel serving on http://[::]:"), std::string::npos) << v6;
  EXPECT_NE(v6.find("warning"), std::string::npos) << v6;
}

}  // namespace
