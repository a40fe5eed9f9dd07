# Sourced by scripts/demo and scripts/schemathesis: starts `fundledger serve` in the background
# on a free loopback port (--port 0) and waits until it listens.
#   start_serve BIN LOG [serve options…]  sets server_pid and server_port; returns 1 (log on
#                                          stderr) if the service did not start within 30 s
start_serve() {
  local bin=$1 log=$2
  shift 2
  "$bin" serve --host 127.0.0.1 --port 0 "$@" >"$log" 2>&1 &
  server_pid=$!
  server_port=
  local _
  for _ in $(seq 1 300); do
    # Hummingbird logs "Server started and listening on 127.0.0.1:PORT" once bound.
    server_port=$(sed -n 's/.*listening on 127\.0\.0\.1:\([0-9][0-9]*\).*/\1/p' "$log" | head -n 1)
    [[ -n $server_port ]] && return 0
    kill -0 "$server_pid" 2>/dev/null || break
    sleep 0.1
  done
  cat "$log" >&2
  echo "fundledger serve did not start (log: $log)" >&2
  return 1
}

# stop_serve PID: SIGTERM (in-flight requests finish, connections close), then waits for the end.
stop_serve() {
  local pid=$1 _
  kill -TERM "$pid" 2>/dev/null || return 0
  for _ in $(seq 1 100); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.1
  done
  kill -KILL "$pid" 2>/dev/null || true
}
