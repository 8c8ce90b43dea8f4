// `samspel docs`: regenerates the documentation that the code is the source of.
#include <fmt/format.h>

#include <filesystem>
#include <system_error>

#include "commands.hpp"
#include "samspel/io/atomic_file.hpp"
#include "samspel/io/dictionary.hpp"
#include "samspel/io/results.hpp"
#include "samspel/io/scenario.hpp"
#include "samspel/web/assessment.hpp"

namespace samspel::cli {

Command add_docs_command(CLI::App& app) {
  auto* sub = app.add_subcommand(
      "docs", "Write docs/parameters.md, outputs.md and self-assessment.md from the code");
  auto dir = std::make_shared<std::string>("docs");
  sub->add_option("--out", *dir, "Directory to write into")->capture_default_str();
  return [dir] {
    // The folder holds other documents too (it is docs/): checked, not replaced.
    std::error_code error;
    std::filesystem::create_directories(*dir, error);
    if (error || !std::filesystem::is_directory(*dir)) {
      throw io::ScenarioError(fmt::format(
          "--out {}: cannot create the folder: {}; allowed: a folder that can be created and "
          "written",
          *dir, error ? error.message() : "exists and is not a folder"));
    }
    io::write_file_atomically(std::filesystem::path(*dir) / "parameters.md",
                              io::parameters_markdown());
    io::write_file_atomically(std::filesystem::path(*dir) / "outputs.md", io::outputs_markdown());
    io::write_file_atomically(std::filesystem::path(*dir) / "self-assessment.md",
                              web::assessment_markdown());
    fmt::print("wrote {0}/parameters.md, {0}/outputs.md and {0}/self-assessment.md\n", *dir);
    return 0;
  };
}

}  // namespace samspel::cli
