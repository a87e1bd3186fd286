#!/usr/bin/env bash
# Shared helpers for the benchmark suites: start/stop servers, sample RSS, run wrk and parse it.

PIDS=()
stop_all() {
  for p in "${PIDS[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done
  sleep 0.5
  for p in "${PIDS[@]:-}"; do [ -n "$p" ] && kill -9 "$p" 2>/dev/null || true; done
}
trap stop_all EXIT INT TERM

wait_http() {  # url, seconds
  for _ in $(seq $(( ${2:-20} * 10 ))); do
    curl -fs -o /dev/null "$1" && return 0
    sleep 0.1
  done
  echo "server at $1 did not come up" >&2
  return 1
}

# Peak VmRSS (KiB) of a PID (and its children for nginx) sampled every 0.25 s while a command runs.
# usage: with_rss_sampling "pid1 pid2" outfile command...
with_rss_sampling() {
  local pids="$1" out="$2"; shift 2
  ( peak=0
    while true; do
      total=0
      for p in $pids; do
        v=$(awk '/VmRSS/{print $2}' /proc/$p/status 2>/dev/null || echo 0)
        total=$(( total + ${v:-0} ))
      done
      [ "$total" -gt "$peak" ] && peak=$total && echo "$peak" > "$out"
      sleep 0.25
    done ) &
  local sampler=$!
  "$@"
  kill $sampler 2>/dev/null || true
  wait $sampler 2>/dev/null || true
}

# wrk output -> "req_per_s p50_ms p99_ms non2xx socket_errors"
parse_wrk() {
  python3 - "$1" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
def ms(v):
    m = re.match(r"([\d.]+)(us|ms|s)", v)
    if not m: return float("nan")
    n, u = float(m.group(1)), m.group(2)
    return n / 1000 if u == "us" else n * 1000 if u == "s" else n
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
p50 = ms(re.search(r"\s50%\s+(\S+)", text).group(1))
p99 = ms(re.search(r"\s99%\s+(\S+)", text).group(1))
non2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", text)
errs = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
print(f"{rps:.0f} {p50:.3f} {p99:.3f} {non2xx.group(1) if non2xx else 0} {sum(map(int, errs.groups())) if errs else 0}")
PY
}
