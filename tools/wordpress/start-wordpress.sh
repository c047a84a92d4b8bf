#!/usr/bin/env bash
# A throw-away WordPress for contract tests and trying the WordPress adapter by hand: Debian's
# `wordpress` package served by `php -S` on a free local port, on its own MariaDB (own data
# directory and socket, no network port). Everything lives in one temporary directory that is
# removed on exit.
#
# Prints one line `WORDPRESS_READY {json}` (site URL, the editor's, the administrator's and an author's
# application passwords) once the site answers, then runs until it gets SIGTERM or SIGINT.
#
# Needs: wordpress, php-cli, php-mysql, mariadb-server (Debian packages).
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
WP_SOURCE="${WP_SOURCE:-/usr/share/wordpress}"

for tool in php mariadbd mariadb-install-db mariadb; do
  if ! command -v "$tool" >/dev/null 2>&1 && [ ! -x "/usr/sbin/$tool" ]; then
    echo "start-wordpress: $tool is missing (apt-get install wordpress php-cli php-mysql mariadb-server)" >&2
    exit 2
  fi
done
[ -f "$WP_SOURCE/wp-settings.php" ] || {
  echo "start-wordpress: no WordPress at $WP_SOURCE (apt-get install wordpress)" >&2
  exit 2
}
php -r 'exit(extension_loaded("mysqli") ? 0 : 1);' || {
  echo "start-wordpress: PHP has no mysqli (apt-get install php-mysql)" >&2
  exit 2
}
PATH="$PATH:/usr/sbin"

DIR="$(mktemp -d "${TMPDIR:-/tmp}/carecast-wordpress.XXXXXX")"
DB_PID=""
PHP_PID=""
cleanup() {
  trap - EXIT INT TERM
  set +e
  [ -n "$PHP_PID" ] && kill "$PHP_PID" 2>/dev/null && wait "$PHP_PID" 2>/dev/null
  # The data is thrown away: no clean shutdown needed.
  [ -n "$DB_PID" ] && kill -KILL "$DB_PID" 2>/dev/null && wait "$DB_PID" 2>/dev/null
  rm -rf "$DIR"
}
trap cleanup EXIT
trap 'exit 0' INT TERM

fail() {
  echo "start-wordpress: $*" >&2
  for log in "$DIR"/*.log; do
    [ -f "$log" ] && { echo "--- $log" >&2; tail -n 20 "$log" >&2; }
  done
  exit 1
}

# MariaDB as the current user (mariadbd runs as root only when told so).
USER_ARG=()
[ "$(id -u)" = 0 ] && USER_ARG=(--user=root)
SOCKET="$DIR/mysql.sock"
mariadb-install-db --no-defaults --datadir="$DIR/db" "${USER_ARG[@]}" --auth-root-authentication-method=normal \
  --skip-test-db --skip-name-resolve >"$DIR/mariadb-install.log" 2>&1 || fail "mariadb-install-db failed"
mariadbd --no-defaults --datadir="$DIR/db" "${USER_ARG[@]}" --socket="$SOCKET" --skip-networking \
  --pid-file="$DIR/mariadb.pid" --innodb-buffer-pool-size=32M --innodb-flush-log-at-trx-commit=0 \
  --skip-log-bin >"$DIR/mariadb.log" 2>&1 &
DB_PID=$!
for _ in $(seq 1 200); do
  mariadb --no-defaults -S "$SOCKET" -uroot -e 'CREATE DATABASE IF NOT EXISTS wordpress' >/dev/null 2>&1 && break
  kill -0 "$DB_PID" 2>/dev/null || fail "mariadbd exited"
  sleep 0.1
done
mariadb --no-defaults -S "$SOCKET" -uroot -e 'SELECT 1 FROM DUAL' wordpress >/dev/null 2>&1 || fail "MariaDB did not start"

# The site's own copy of WordPress (hard links when possible), with its own wp-config.php:
# Debian's wp-config.php looks the configuration up in /etc/wordpress by host name.
cp -al "$WP_SOURCE" "$DIR/site" 2>/dev/null || { rm -rf "$DIR/site"; cp -a "$WP_SOURCE" "$DIR/site"; }
rm -f "$DIR/site/wp-config.php"
mkdir -p "$DIR/site/wp-content/mu-plugins" "$DIR/site/wp-content/uploads"
cp "$HERE/contract-site.php" "$DIR/site/wp-content/mu-plugins/contract-site.php"

PORT="$(php -r '$s = stream_socket_server("tcp://127.0.0.1:0"); echo substr(strrchr(stream_socket_get_name($s, false), ":"), 1);')"
URL="http://127.0.0.1:$PORT"
salt() { php -r 'echo bin2hex(random_bytes(32));'; }
cat >"$DIR/site/wp-config.php" <<PHP
<?php
define('DB_NAME', 'wordpress');
define('DB_USER', 'root');
define('DB_PASSWORD', '');
define('DB_HOST', 'localhost:$SOCKET');
define('DB_CHARSET', 'utf8mb4');
define('DB_COLLATE', '');
define('AUTH_KEY', '$(salt)');
define('SECURE_AUTH_KEY', '$(salt)');
define('LOGGED_IN_KEY', '$(salt)');
define('NONCE_KEY', '$(salt)');
define('AUTH_SALT', '$(salt)');
define('SECURE_AUTH_SALT', '$(salt)');
define('LOGGED_IN_SALT', '$(salt)');
define('NONCE_SALT', '$(salt)');
\$table_prefix = 'wp_';
define('WP_HOME', '$URL');
define('WP_SITEURL', '$URL');
// Application passwords over plain HTTP are allowed only on a local site.
define('WP_ENVIRONMENT_TYPE', 'local');
define('WP_DEBUG', false);
define('DISABLE_WP_CRON', true);
define('AUTOMATIC_UPDATER_DISABLED', true);
define('WP_HTTP_BLOCK_EXTERNAL', true);
define('FS_METHOD', 'direct');
if (!defined('ABSPATH')) define('ABSPATH', __DIR__ . '/');
require_once ABSPATH . 'wp-settings.php';
PHP

(cd "$DIR/site" && php "$HERE/install-site.php" "$DIR/site" >"$DIR/site.json" 2>"$DIR/install.log") ||
  fail "the WordPress install failed"

php -S "127.0.0.1:$PORT" -t "$DIR/site" "$HERE/router.php" >"$DIR/php.log" 2>&1 &
PHP_PID=$!
answers() { php -r 'exit(@file_get_contents($argv[1]) === false ? 1 : 0);' "$1"; }
for _ in $(seq 1 100); do
  answers "$URL/wp-json/" && break
  kill -0 "$PHP_PID" 2>/dev/null || fail "php -S exited"
  sleep 0.1
done
answers "$URL/wp-json/" || fail "the site does not answer at $URL/wp-json/"

echo "WORDPRESS_READY $(php -r '$s = json_decode(file_get_contents($argv[1]), true); $s["siteUrl"] = $argv[2]; $s["dir"] = $argv[3]; echo json_encode($s);' "$DIR/site.json" "$URL" "$DIR")"
# Until stopped, or until whoever started this is gone (no site outlives its test run).
PARENT=$PPID
while kill -0 "$PHP_PID" 2>/dev/null && kill -0 "$PARENT" 2>/dev/null; do
  sleep 1 &
  wait $! || true # returns at once on SIGTERM, so the trap runs without delay
done
