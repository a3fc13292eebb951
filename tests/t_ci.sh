#!/bin/sh
# SPDX-License-Identifier: MIT
# tests/t_ci.sh - the CI recipe of docs/ci.md: scripts/ci-gate.sh passes and
# fails on the right fixtures (exit 0 / 1 / 2, the summary it writes), and
# the workflow files under scripts/ci/ parse as YAML and call the gate.
. tests/fixtures/lib.sh
gate() {	# BASE NEW [VAR=value ...]: run the gate, summary in $tmp/summary
	b=$1 n=$2
	shift 2
	rm -f "$tmp/summary"
	env MEMBENCH="$MEMBENCH" CI_GATE_SUMMARY="$tmp/summary" GITHUB_STEP_SUMMARY= "$@" \
		sh scripts/ci-gate.sh "$b" "$n"
}
"$PYTHON" scripts/make_fixture.py --scale 1.2 "$FIXTURE" "$tmp/slow.json"
"$PYTHON" scripts/make_fixture.py --inject-violation "$FIXTURE" "$tmp/bad.json"
"$PYTHON" -c 'import json, sys
d = json.load(open(sys.argv[1]))
d["host"]["cpu_model"] = "Other CPU"
json.dump(d, open(sys.argv[2], "w"))' "$FIXTURE" "$tmp/other.json"

expect 0 "same result: passes" gate "$FIXTURE" "$FIXTURE"
grep_in "$tmp/summary" "^### membench check: check: 6 litmus entries, 0 violations" "summary: the check"
grep_in "$tmp/summary" "^### membench compare: :white_check_mark: no regression" "summary: the comparison"
grep_in "$tmp/summary" "^| smp.general | back-to-back | " "summary: the markdown table"
expect 1 "every sample x1.2: fails" gate "$FIXTURE" "$tmp/slow.json"
grep_in "$tmp/summary" "REGRESSED" "summary names the regressed rows"
expect 1 "a violation: fails" gate "$FIXTURE" "$tmp/bad.json"
grep_in "$tmp/summary" "^- violation: " "summary lists the violation"
expect 1 "no baseline and a violation: fails" gate "$tmp/none.json" "$tmp/bad.json"
expect 0 "no baseline: the check alone" gate "$tmp/none.json" "$FIXTURE"
grep_in "$tmp/summary" "no baseline ($tmp/none.json): not compared" "summary: not compared, why"
expect 0 "another CPU: not compared" gate "$tmp/other.json" "$FIXTURE"
grep_in "$tmp/summary" "baseline from another host: not compared" "summary: another host"
grep_in "$tmp/err" "^ci-gate: not compared: .*'Other CPU'" "log: another host"
expect 2 "another CPU, CI_GATE_OTHER_HOST=fail" gate "$tmp/other.json" "$FIXTURE" CI_GATE_OTHER_HOST=fail
expect 1 "another CPU, --force: judged, and x1.2 fails" gate "$tmp/other.json" "$tmp/slow.json" CI_GATE_COMPARE_ARGS=--force
expect 0 "--threshold 0.3 passed through: x1.2 passes" gate "$FIXTURE" "$tmp/slow.json" "CI_GATE_COMPARE_ARGS=--threshold 0.3"
head -c 2000 "$FIXTURE" >"$tmp/trunc.json"
expect 2 "truncated NEW" gate "$FIXTURE" "$tmp/trunc.json"
grep_in "$tmp/err" "trunc.json.*not valid JSON" "says which file"
expect 2 "truncated BASE" gate "$tmp/trunc.json" "$FIXTURE"
expect 2 "one argument" sh scripts/ci-gate.sh "$FIXTURE"
rm -f "$tmp/gh"
env MEMBENCH="$MEMBENCH" GITHUB_STEP_SUMMARY="$tmp/gh" sh scripts/ci-gate.sh "$FIXTURE" "$FIXTURE" >/dev/null 2>&1
grep_in "$tmp/gh" "no regression" "GITHUB_STEP_SUMMARY: the job summary"

# The workflow files: YAML (Debian's python3-yaml), jobs that call the gate.
if /usr/bin/python3 - scripts/ci/github-membench.yml scripts/ci/gitlab-membench.yml <<'PY'
import sys, yaml
gh = yaml.safe_load(open(sys.argv[1]))
steps = gh["jobs"]["membench"]["steps"]
runs = "\n".join(s.get("run", "") for s in steps)
assert "scripts/ci-gate.sh" in runs and "--repetitions 3 --json" in runs, runs
assert set(gh.get(True, gh.get("on"))) == {"push", "pull_request"}
gate = [s for s in steps if "scripts/ci-gate.sh" in s.get("run", "")][0]
assert gate["env"]["CI_GATE_COMPARE_ARGS"] == "--threshold 0.05", gate
gl = yaml.safe_load(open(sys.argv[2]))
script = "\n".join(gl["membench"]["script"])
assert "scripts/ci-gate.sh" in script and "--repetitions 3 --json" in script, script
assert "membench-summary.md" in gl["membench"]["artifacts"]["paths"]
assert gl["membench"]["variables"]["CI_GATE_COMPARE_ARGS"] == "--threshold 0.05"
PY
then ok "workflow files parse and call scripts/ci-gate.sh"; else not_ok "workflow files"; fi
finish
