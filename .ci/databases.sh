#!/usr/bin/env bash
# start_databases: starts PostgreSQL and MariaDB when they do not accept connections, then waits until both do.
# Sourced by .ci/run; runnable alone (`bash .ci/databases.sh`) to check the machine.

pg_ready() { pg_isready -q -h 127.0.0.1 -p 5432 >/dev/null 2>&1; }
maria_ready() { mariadb-admin --protocol=tcp -h 127.0.0.1 -P 3306 -uroot ping >/dev/null 2>&1; }

wait_ready() { # wait_ready NAME CHECK: polls CHECK every 0.5 s for at most 60 s
  local name=$1 check=$2 i
  for ((i = 0; i < 120; i++)); do
    if "$check"; then echo "$name accepts connections"; return 0; fi
    sleep 0.5
  done
  echo "$name does not accept connections after 60 s" >&2
  return 1
}

start_databases() {
  if ! pg_ready; then
    echo "starting PostgreSQL"
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | sort -V | tail -n1)" main start || true
  fi
  if ! maria_ready; then
    echo "starting MariaDB"
    mkdir -p /run/mysqld && chown mysql:mysql /run/mysqld 2>/dev/null || true
    start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd
  fi
  wait_ready PostgreSQL pg_ready
  wait_ready MariaDB maria_ready
}

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  set -euo pipefail
  start_databases
fi
