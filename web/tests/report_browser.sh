#!/bin/sh
# The browser test of `samspel report` (CTest label `browser`): writes the report of a small
# run, of a small comparison and of two small sensitivity analyses (Morris and Sobol'), then
# opens each in headless chromium (report.spec.mjs).
# Usage: report_browser.sh SAMSPEL SOURCE_DIR WORK_DIR. Exit 77 (skipped) without chromium.
set -eu
samspel=$1
source=$2
work=$3
chromium=${SAMSPEL_CHROMIUM:-/usr/bin/chromium}
if [ ! -x "$chromium" ]; then
  echo "skipped: no chromium at $chromium (scripts/setup.sh installs it)"
  exit 77
fi
rm -rf "$work"
mkdir -p "$work"
scenario=$source/tests/regression/scenario.toml
"$samspel" run "$scenario" --replicates 8 --out "$work/run" >/dev/null
"$samspel" report "$work/run" -o "$work/run.html" --lang sv
"$samspel" compare "$scenario" --replicates 8 --vary strategy.role_dialogue=none,recurring \
  --keep-series --store "$work/compare.sqlite" --out "$work/compare" >/dev/null
"$samspel" report "$work/compare.sqlite" -o "$work/compare.html" --lang en
"$samspel" sensitivity "$scenario" --param model.case_pull=0.1:0.4 \
  --param model.closeness_trust=0.3:0.9 --measure mean_cooperation_kso_ceo \
  --measure mean_case_time_politicians --points 4 -n 4 \
  --store "$work/morris.sqlite" --out "$work/morris" >/dev/null
"$samspel" report "$work/morris.sqlite" -o "$work/morris.html" --lang en
"$samspel" sensitivity "$scenario" --method sobol --param model.case_pull=0.1:0.4 \
  --param model.closeness_trust=0.3:0.9 --measure mean_cooperation_kso_ceo \
  --measure mean_case_time_politicians --points 8 -n 4 \
  --store "$work/sobol.sqlite" --out "$work/sobol" >/dev/null
"$samspel" report "$work/sobol.sqlite" -o "$work/sobol.html" --lang sv
node "$source/web/tests/report.spec.mjs" "$work/run.html" "$work/run.png"
node "$source/web/tests/report.spec.mjs" "$work/compare.html" "$work/compare.png"
node "$source/web/tests/report.spec.mjs" "$work/morris.html" "$work/morris.png"
node "$source/web/tests/report.spec.mjs" "$work/sobol.html" "$work/sobol.png"
