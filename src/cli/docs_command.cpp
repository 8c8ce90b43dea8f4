// `samspel docs`: regenerates the documentation that the code is the source of.
#include <fmt/format.h>

#include <cstdio>
#include <filesystem>
#include <system_error>

#include "commands.hpp"
#include "samspel/io/atomic_file.hpp"
#include "samspel/io/dictionary.hpp"
#include "samspel/io/results.hpp"
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
      std::fprintf(stderr,
                   "samspel: --out %s: cannot create the folder: %s; allowed: a folder that can be "
                   "created and written\n",
                   dir->c_str(), error ? error.message().c_str() : "exists and is not a folder");
      return kExitBadInput;
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
