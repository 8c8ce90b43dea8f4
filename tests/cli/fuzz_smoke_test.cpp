// Fuzz smoke test: fixed, seeded mutations of scenario files, population files and results
// stores, fed to the readers the command line uses (in process, for speed) and, for a sample,
// to the samspel binary itself. Every input is either accepted or refused with a ScenarioError
// (exit 2); any other exception, a crash, a hang or a sanitizer report (in the sanitizer build,
// scripts/test.sh) fails the test. The cases are the same at every run; each family stops early
// when its time budget is spent, so the test stays within minutes on a slow machine.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <random>
#include <string>
#include <tuple>
#include <vector>

#include "samspel/io/json_scenario.hpp"
#include "samspel/io/population.hpp"
#include "samspel/io/results_json.hpp"
#include "samspel/io/scenario.hpp"
#include "samspel/io/store.hpp"
#include "support/samspel_binary.hpp"

namespace {

using samspel_test::Result;
using samspel_test::samspel;
using samspel_test::slurp;

namespace fs = std::filesystem;
namespace io = samspel::io;

const fs::path kSource(SAMSPEL_SOURCE_DIR);
// SAMSPEL_FUZZ_SEED and SAMSPEL_FUZZ_SCALE (a factor on the cases and the time budget) make
// longer, different runs by hand (docs/results.md); CI runs the defaults.
std::uint64_t env_number(const char* name, std::uint64_t fallback) {
  const char* text = std::getenv(name);
  return text != nullptr ? std::strtoull(text, nullptr, 10) : fallback;
}
const std::uint64_t kSeed = env_number("SAMSPEL_FUZZ_SEED", 20251205);
const int kScale =
    static_cast<int>(std::max<std::uint64_t>(1, env_number("SAMSPEL_FUZZ_SCALE", 1)));
const auto kBudget = std::chrono::seconds(60) * kScale;

// Pieces of the formats, inserted or repeated to reach the readers' edges: nesting, quoting,
// numbers at the limits of their types, separators.
const std::vector<std::string> kTokens = {"[",
                                          "]",
                                          "[[",
                                          "]]",
                                          "{",
                                          "}",
                                          "{a=",
                                          "a.",
                                          ".",
                                          "=",
                                          "\"",
                                          "'",
                                          "\"\"\"",
                                          "'''",
                                          "\\",
                                          "\\u0000",
                                          "\n",
                                          "\r\n",
                                          "\t",
                                          "#",
                                          ",",
                                          "-1",
                                          "0",
                                          "1e308",
                                          "-1e308",
                                          "nan",
                                          "inf",
                                          "9223372036854775807",
                                          "9223372036854775808",
                                          "-9223372036854775809",
                                          "2147483648",
                                          "true",
                                          "\"x\"",
                                          "1979-05-27T07:32:00Z",
                                          "[run]",
                                          "[[events]]",
                                          "[[mix]]",
                                          "[strategy]",
                                          "\xff\xfe",
                                          "\xc3\x28",
                                          "population",
                                          "replicates = ",
                                          "years = ",
                                          "weight = "};

class Mutator {
 public:
  explicit Mutator(std::uint64_t seed) : rng_(seed) {}

  std::size_t below(std::size_t n) { return n == 0 ? 0 : rng_() % n; }

  std::string mutate(std::string text) {
    const std::size_t steps = 1 + below(3);
    for (std::size_t s = 0; s < steps; ++s)
      text = step(std::move(text));
    return text;
  }

 private:
  std::string step(std::string text) {
    const std::size_t at = below(text.size() + 1);
    const std::string& token = kTokens[below(kTokens.size())];
    switch (below(6)) {
      case 0:
        if (!text.empty()) text[below(text.size())] = static_cast<char>(rng_());
        break;
      case 1:
        text.insert(at, token);
        break;
      case 2:
        text.erase(at, below(64));
        break;
      case 3: {
        const std::string piece = text.substr(below(text.size() + 1), below(64));
        text.insert(at, piece);
        break;
      }
      case 4: {
        // Long repeats: deep nesting, long keys, many fields.
        std::string run;
        const std::size_t times = 1 + below(below(2) == 0 ? 50 : 20000);
        for (std::size_t i = 0; i < times; ++i)
          run += token;
        text.insert(at, run);
        break;
      }
      default:
        text.resize(at);
    }
    return text;
  }

  std::mt19937_64 rng_;
};

// Runs `check` on `count` cases (or until the budget is spent), failing on anything but success
// or a ScenarioError.
void fuzz(const char* family, int count, const std::function<void(int)>& check) {
  const auto started = std::chrono::steady_clock::now();
  int done = 0;
  count *= kScale;
  for (; done < count && std::chrono::steady_clock::now() - started < kBudget; ++done) {
    try {
      check(done);
    } catch (const io::ScenarioError& e) {
      EXPECT_EQ(std::string(e.what()).find('\n'), std::string::npos) << family << " " << done;
    } catch (const std::exception& e) {
      ADD_FAILURE() << family << " case " << done << ": not a ScenarioError: " << e.what();
    }
  }
  std::printf("%s: %d cases\n", family, done);
  EXPECT_GE(done, std::min(count, 100)) << family;
}

class FuzzSmoke : public ::testing::Test {
 protected:
  static fs::path dir() {
    return fs::temp_directory_path() / ("samspel-fuzz-" + std::to_string(::getpid()));
  }

  static void SetUpTestSuite() {
    fs::remove_all(dir());
    fs::create_directories(dir());
    const std::string scenario = (kSource / "tests" / "regression" / "scenario.toml").string();
    const Result compare =
        samspel("compare " + scenario +
                " -n 2 --threads 2 --vary strategy.foundation=chemistry,roles "
                "--keep-series --store " +
                (dir() / "compare.sqlite").string() + " --out " + (dir() / "c").string());
    ASSERT_EQ(compare.exit_code, 0) << compare.output;
    std::ofstream(dir() / "p.tsv") << "kommun\tpopulation\nA\t4000\nB\t60000\n";
    std::ofstream(dir() / "p.toml") << "population = \"p.tsv\"\n[run]\nyears = 1\nreplicates = 2\n";
    const Result population =
        samspel("run " + (dir() / "p.toml").string() + " --threads 2 --store " +
                (dir() / "population.sqlite").string());
    ASSERT_EQ(population.exit_code, 0) << population.output;
    const Result sensitivity =
        samspel("sensitivity " + scenario +
                " --param model.case_pull=0.1:0.4 --param model.closeness_trust=0.3:0.9 "
                "--measure mean_cooperation_kso_ceo --measure mean_recovery_months --points 3 "
                "-n 2 --threads 2 --store " +
                (dir() / "sensitivity.sqlite").string() + " --out " + (dir() / "s").string());
    ASSERT_EQ(sensitivity.exit_code, 0) << sensitivity.output;
  }
  static void TearDownTestSuite() { fs::remove_all(dir()); }

  static std::vector<std::string> scenario_texts() {
    std::vector<std::string> texts;
    for (const auto& entry : fs::directory_iterator(kSource / "scenarios"))
      texts.push_back(slurp(entry.path()));
    texts.push_back(slurp(kSource / "tests" / "regression" / "scenario.toml"));
    std::sort(texts.begin(), texts.end());  // directory order is not fixed
    return texts;
  }
};

TEST_F(FuzzSmoke, ScenarioParser) {
  const auto texts = scenario_texts();
  Mutator m(kSeed);
  fuzz("scenario", 3000, [&](int) {
    const std::string text = m.mutate(texts[m.below(texts.size())]);
    if (m.below(4) == 0) {
      (void)io::scenario_from_json(io::scenario_text_to_json(text, "fuzz.toml"), "fuzz.json");
      return;
    }
    io::Scenario s = io::parse_scenario(text, "fuzz.toml");
    io::validate(s);
  });
}

TEST_F(FuzzSmoke, PopulationReader) {
  const io::Scenario base = io::parse_scenario("[run]\nyears = 1\n", "base.toml");
  std::string municipalities;
  {
    std::ifstream in(kSource / "data" / "municipalities.tsv");
    std::string line;
    for (int i = 0; i < 12 && std::getline(in, line); ++i)
      municipalities += line + "\n";
  }
  const std::vector<std::string> texts = {
      municipalities,
      "kommun\tpopulation\tstrategy.foundation\tturnover.ceo_exit\nA\t4000\troles\t0.1\n"
      "# comment\n\nB\t60000\tchemistry\t0.2\n"};
  Mutator m(kSeed + 1);
  const fs::path file = dir() / "fuzz.tsv";
  fuzz("population", 1500, [&](int) {
    std::ofstream(file, std::ios::binary | std::ios::trunc) << m.mutate(texts[m.below(2)]);
    (void)io::load_population(file, base);
  });
}

// Overwrites up to eight of the file's bytes at random.
void flip_bytes(const fs::path& file, Mutator& m) {
  std::string bytes = slurp(file);
  for (std::size_t k = 1 + m.below(8); k > 0; --k)
    bytes[m.below(bytes.size())] = static_cast<char>(m.below(256));
  std::ofstream(file, std::ios::binary | std::ios::trunc) << bytes;
}

// Runs the edits on the store as they come: SQLite may refuse one (a type or a constraint), and
// the rest still damage the store.
void execute(const fs::path& store, const std::vector<std::string>& edits) {
  sqlite3* db = nullptr;
  sqlite3_open(store.c_str(), &db);
  for (const std::string& sql : edits)
    sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr);
  sqlite3_close(db);
}

// Reads a damaged store as report and export do, in turn; each must refuse it cleanly or read it.
void read_back(const fs::path& store, const fs::path& out, int i) {
  if (i % 3 == 0) {
    (void)io::results_document(store);
  } else {
    io::export_store(store, out, i % 3 == 1 ? "csv" : "json");
  }
}

// A store edited value by value (the readers' ids, counts and sizes) or byte by byte.
TEST_F(FuzzSmoke, StoreReader) {
  const std::vector<fs::path> stores = {dir() / "compare.sqlite", dir() / "population.sqlite"};
  const std::vector<std::string> values = {"-3",          "0",          "1",
                                           "2",           "3",          "999",
                                           "100000",      "2147483648", "9223372036854775807",
                                           "NULL",        "''",         "'x'",
                                           "x''",         "x'00'",      "x'0000803f'",
                                           "1.5",         "'{}'",       "'[]'",
                                           "'[[[[[[[['",  "'2010-13'",  "'1'",
                                           "'100000000'", "'compare'",  "'population'",
                                           "'true'",      "'-1'"};
  const std::vector<std::pair<const char*, std::vector<const char*>>> columns = {
      {"study", {"value"}},
      {"configurations", {"id", "label", "municipality", "size_class", "assignments"}},
      {"runs", {"configuration", "replicate", "seed", "ceo_changes"}},
      {"series", {"configuration", "statistic", "metric", "months"}},
      {"run_series", {"configuration", "replicate", "metric", "months"}}};
  Mutator m(kSeed + 2);
  const fs::path copy = dir() / "fuzz.sqlite";
  const fs::path out = dir() / "export";
  fuzz("store", 1500, [&](int i) {
    fs::copy_file(stores[m.below(stores.size())], copy, fs::copy_options::overwrite_existing);
    if (i % 5 == 4) {
      flip_bytes(copy, m);
    } else {
      std::vector<std::string> edits;
      for (std::size_t k = 1 + m.below(2); k > 0; --k) {
        const auto& [table, names] = columns[m.below(columns.size())];
        const std::string sql =
            std::string(m.below(10) == 0 ? "DELETE FROM " : "UPDATE ") + table +
            (m.below(10) == 0 ? ""
                              : std::string(" SET ") + names[m.below(names.size())] + " = " +
                                    values[m.below(values.size())]) +
            " WHERE rowid = (SELECT rowid FROM " + table + " LIMIT 1 OFFSET " +
            std::to_string(m.below(20)) + ")";
        edits.push_back(sql);
      }
      execute(copy, edits);
    }
    read_back(copy, out, i);
  });
}

// A sensitivity store edited value by value, or byte by byte, read by report and export.
TEST_F(FuzzSmoke, SensitivityStoreReader) {
  const std::vector<std::string> values = {
      "-3",       "0",       "1",    "2",    "99",   "9223372036854775807",
      "NULL",     "''",      "'x'",  "1.5",  "'{}'", "'[]'",
      "'[[[[[['", "'sobol'", "'-1'", "x'00'"};
  // Each table with its key, for the row to edit (design and point_outputs have no rowid).
  const std::vector<std::tuple<const char*, const char*, std::vector<const char*>>> tables = {
      {"study", "key", {"value"}},
      {"factors", "id", {"id", "key", "low", "high", "log"}},
      {"outputs", "id", {"id", "name", "base_value", "undefined_points"}},
      {"blocks", "id", {"id", "first_point", "points"}},
      {"design", "point, factor", {"point", "factor", "unit", "value"}},
      {"point_outputs", "point, output", {"point", "output", "mean", "variance", "replicates"}},
      {"indices", "output, factor", {"output", "factor", "mu_star", "sigma"}}};
  Mutator m(kSeed + 4);
  const fs::path copy = dir() / "fuzz-sensitivity.sqlite";
  const fs::path out = dir() / "export-sensitivity";
  fuzz("sensitivity store", 300, [&](int i) {
    fs::copy_file(dir() / "sensitivity.sqlite", copy, fs::copy_options::overwrite_existing);
    if (i % 5 == 4) {
      flip_bytes(copy, m);
    } else {
      std::vector<std::string> edits;
      for (std::size_t k = 1 + m.below(2); k > 0; --k) {
        const auto& [table, key, names] = tables[m.below(tables.size())];
        const std::string where = std::string(" WHERE (") + key + ") = (SELECT " + key + " FROM " +
                                  table + " LIMIT 1 OFFSET " + std::to_string(m.below(20)) + ")";
        const std::string sql = m.below(10) == 0 ? std::string("DELETE FROM ") + table + where
                                                 : std::string("UPDATE ") + table + " SET " +
                                                       names[m.below(names.size())] + " = " +
                                                       values[m.below(values.size())] + where;
        edits.push_back(sql);
      }
      execute(copy, edits);
    }
    read_back(copy, out, i);
  });
}

// A sample through the binary: the exit code is 0 or 2, never a crash or 1.
TEST_F(FuzzSmoke, CommandLineSample) {
  const auto texts = scenario_texts();
  Mutator m(kSeed + 3);
  const fs::path file = dir() / "cli.toml";
  for (int i = 0; i < 30; ++i) {
    std::ofstream(file, std::ios::binary | std::ios::trunc)
        << m.mutate(texts[m.below(texts.size())]);
    const Result r =
        samspel("run " + file.string() + " -n 1 --threads 1 --out " + (dir() / "cli-out").string() +
                " --store " + (dir() / "cli.sqlite").string());
    EXPECT_TRUE(r.exit_code == 0 || r.exit_code == 2) << i << ": " << r.output.substr(0, 500);
  }
  for (int i = 0; i < 20; ++i) {
    const fs::path copy = dir() / "cli-store.sqlite";
    std::string bytes = slurp(dir() / (i % 2 == 0 ? "compare.sqlite" : "population.sqlite"));
    for (std::size_t k = 1 + m.below(8); k > 0; --k)
      bytes[m.below(bytes.size())] = static_cast<char>(m.below(256));
    std::ofstream(copy, std::ios::binary | std::ios::trunc) << bytes;
    const Result r = samspel("report " + copy.string() + " -o " + (dir() / "r.html").string());
    EXPECT_TRUE(r.exit_code == 0 || r.exit_code == 2) << i << ": " << r.output.substr(0, 500);
  }
}

}  // namespace
