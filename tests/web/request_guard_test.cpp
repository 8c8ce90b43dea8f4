// Host, Origin and Content-Type decide whether a request may come from another site; the
// address printed and the warning for non-local addresses.
#include "samspel/web/request_guard.hpp"

#include <gtest/gtest.h>

#include "samspel/web/address.hpp"
#include "samspel/web/url_path.hpp"

namespace samspel::web {
namespace {

const std::vector<std::string> kHosts = served_hosts("127.0.0.1", "127.0.0.1", 8080);

TEST(RequestGuard, NamesTheServerByItsAddressesAndLocalhost) {
  EXPECT_EQ(kHosts, (std::vector<std::string>{"localhost:8080", "127.0.0.1:8080"}));
  EXPECT_EQ(served_hosts("::", "::1", 80),
            (std::vector<std::string>{"localhost:80", "[::1]:80", "[::]:80", "localhost", "[::1]",
                                      "[::]"}));
  EXPECT_EQ(served_hosts("0.0.0.0", "192.168.1.5", 9),
            (std::vector<std::string>{"localhost:9", "192.168.1.5:9", "0.0.0.0:9"}));
}

TEST(RequestGuard, ServesItsOwnPages) {
  EXPECT_FALSE(refuse_cross_site({"GET", "127.0.0.1:8080", std::nullopt, std::nullopt}, kHosts));
  EXPECT_FALSE(refuse_cross_site({"GET", "LOCALHOST:8080", std::nullopt, std::nullopt}, kHosts));
  EXPECT_FALSE(refuse_cross_site(
      {"POST", "127.0.0.1:8080", "http://127.0.0.1:8080", "application/json; charset=utf-8"},
      kHosts));
}

TEST(RequestGuard, RefusesOtherSites) {
  const auto status = [](const RequestOrigin& r) {
    const auto refusal = refuse_cross_site(r, kHosts);
    return refusal ? refusal->status : 0;
  };
  EXPECT_EQ(status({"GET", "evil.example:8080", std::nullopt, std::nullopt}), 403);
  EXPECT_EQ(status({"GET", std::nullopt, std::nullopt, std::nullopt}), 403);
  EXPECT_EQ(status({"GET", "127.0.0.1:8081", std::nullopt, std::nullopt}), 403);
  EXPECT_EQ(status({"POST", "127.0.0.1:8080", "http://evil.example", "application/json"}), 403);
  EXPECT_EQ(status({"POST", "127.0.0.1:8080", "null", "application/json"}), 403);
  EXPECT_EQ(status({"POST", "127.0.0.1:8080", "https://127.0.0.1:8080", "application/json"}), 403);
  EXPECT_EQ(status({"POST", "127.0.0.1:8080", std::nullopt, "text/plain"}), 415);
  EXPECT_EQ(status({"POST", "127.0.0.1:8080", std::nullopt, std::nullopt}), 415);
  EXPECT_EQ(status({"POST", "127.0.0.1:8080", std::nullopt, "application/jsonx"}), 415);
  const auto refusal =
      refuse_cross_site({"GET", "evil.example", std::nullopt, std::nullopt}, kHosts);
  ASSERT_TRUE(refusal);
  EXPECT_EQ(refusal->body,
            R"x({"code":"forbidden","error":"Host: \"evil.example\" is not this server; )x"
            R"x(allowed: localhost:8080, 127.0.0.1:8080 (open the app at the address samspel )x"
            R"x(serve prints)","field":"Host"})x");
}

TEST(RequestGuard, DecodesPaths) {
  EXPECT_EQ(decoded_path("/api/runs/7?x=1"), "/api/runs/7");
  EXPECT_EQ(decoded_path("/a%2Fb%00"), std::string("/a/b\0", 5));
  EXPECT_EQ(decoded_path("/%FF"), "/\xFF");
  EXPECT_FALSE(decoded_path("/%F"));
  EXPECT_FALSE(decoded_path("/%ZZ"));
  EXPECT_FALSE(decoded_path("http://x/"));
  EXPECT_FALSE(decoded_path("*"));
}

TEST(RequestGuard, PrintsUrlsAndKnowsLocalAddresses) {
  EXPECT_EQ(served_url("127.0.0.1", 8080), "http://127.0.0.1:8080/");
  EXPECT_EQ(served_url("::", 18186), "http://[::]:18186/");
  EXPECT_EQ(served_url("::1", 1), "http://[::1]:1/");
  EXPECT_TRUE(is_loopback("127.0.0.1"));
  EXPECT_TRUE(is_loopback("localhost"));
  EXPECT_TRUE(is_loopback("::1"));
  EXPECT_FALSE(is_loopback("0.0.0.0"));
  EXPECT_FALSE(is_loopback("::"));
}

}  // namespace
}  // namespace samspel::web
