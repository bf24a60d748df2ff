#!/usr/bin/env bash
# Measures how much CPU the server and PostgreSQL spend per GraphQL request during a load run, for
# the capacity plan's DB_CPU_MS_PER_REQUEST (pulumi/src/capacity.ts). Run it next to the load runner,
# on the same machine as the server and PostgreSQL:
#
#   pulumi/scripts/db-cpu-per-request.sh &          # samples once a second
#   LOAD_CONNECTIONS=20 LOAD_SECONDS=60 npm run loadtest
#   # when the load run ends (its server goes away) the script prints the figures and exits
#
# It reads the server's own request counter (/metrics, route="/graphql") and the CPU time (utime +
# stime, /proc/<pid>/stat) of the server process and of the PostgreSQL backends connected to the
# load database as the app. The load runs start the server as in production, so /metrics is on
# METRICS_PORT (third argument; default PORT + 1000, as loadtest/server-under-test.ts sets it).
# The ratio of the two CPU figures is what carries over to other machines.
# No -e: a sample that times out on a busy machine is skipped, not fatal.
set -u
PORT="${1:-4201}"
DATABASE_LIKE="${2:-dandori_load%}"
METRICS_PORT="${3:-$((PORT + 1000))}"
TICKS=$(getconf CLK_TCK)
samples=$(mktemp)
trap 'rm -f "$samples"' EXIT

ticks_of() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0; }
server=""
while true; do
  if [ -z "$server" ]; then
    server=$(ss -ltnpH "sport = :$PORT" 2>/dev/null | grep -o 'pid=[0-9]*' | head -n 1 | cut -d= -f2 || true)
    sleep 1; continue
  fi
  # The server we started with has gone: the load run is over.
  [ -d "/proc/$server" ] || break
  metrics=$(curl -s --max-time 3 "http://127.0.0.1:$METRICS_PORT/metrics") || { sleep 1; continue; }
  requests=$(printf '%s\n' "$metrics" | awk '/^http_requests_total\{route="\/graphql"/ {s += $2} END {print s + 0}')
  # Each backend's own ticks (pid=ticks): backends come and go, so their CPU is summed per backend.
  pg=""
  for pid in $(psql -h 127.0.0.1 -U postgres -At -c "SELECT pid FROM pg_stat_activity WHERE datname LIKE '$DATABASE_LIKE' AND application_name = 'dandori-portal-api'" 2>/dev/null); do
    pg="$pg $pid=$(ticks_of "$pid")"
  done
  cpu=$(ticks_of "$server")
  [ "$cpu" -gt 0 ] && echo "$requests $cpu$pg" >> "$samples"
  sleep 1
done

# The steady part: from the first sample after requests started flowing to the last one that grew.
# PostgreSQL's share: for each backend, its ticks at its last sample in that window minus its ticks
# at the first sample (0 for a backend that connected later): a backend that closed before the end
# of the window still counts what it spent, instead of vanishing from a sum of the living ones.
awk -v hz="$TICKS" '
  { r[NR] = $1; s[NR] = $2; line[NR] = $0 }
  END {
    first = 0; last = 0
    for (i = 2; i <= NR; i++) if (r[i] > r[i - 1]) { if (!first) first = i; last = i }
    if (!first || last == first) { print "no load seen"; exit 1 }
    for (i = first; i <= last; i++) {
      m = split(line[i], f, " ")
      for (j = 3; j <= m; j++) { split(f[j], kv, "="); if (i == first) base[kv[1]] = kv[2]; end[kv[1]] = kv[2] }
    }
    dbTicks = 0
    for (pid in end) dbTicks += end[pid] - (pid in base ? base[pid] : 0)
    n = r[last] - r[first]; server = (s[last] - s[first]) / hz; db = dbTicks / hz
    printf "requests %d\nserver CPU %.1f s = %.2f ms per request\nPostgreSQL CPU %.1f s = %.2f ms per request\nPostgreSQL / server CPU %.2f\n", n, server, 1000 * server / n, db, 1000 * db / n, db / server
  }' "$samples"
