#!/usr/bin/env bash
# The course on one JupyterHub server, in one idempotent command (as root, Debian/Ubuntu).
#
#   deploy/hub/setup.sh            install (or bring up to date) everything, then start the hub
#   deploy/hub/setup.sh install    install only
#   deploy/hub/setup.sh start|stop|restart|status
#                                  the hub (and its PostgreSQL gradebook) in the background: pid files and
#                                  logs under $HUB_PREFIX/run and $HUB_PREFIX/log (no systemd in containers)
#
# What it installs (every version pinned, nothing downloaded outside PyPI, PyTorch's wheel index and npm):
#   - JupyterHub $JUPYTERHUB_VERSION in a Python environment built from requirements.lock ($HUB_PREFIX/venv);
#   - configurable-http-proxy $CHP_VERSION from npm (into $HUB_PREFIX/node);
#   - the grader account ($HUB_GRADER), the course directory in its home (a copy of the repository's
#     source, release and nbgrader_config.py), the nbgrader exchange ($HUB_EXCHANGE) with its owner and modes,
#     a PostgreSQL gradebook (a cluster of its own under $HUB_DATA, on a Unix socket only, peer
#     authentication: only the grader account can connect);
#   - jupyterhub_config.py, settings.json and secrets under $HUB_PREFIX/etc; the course's exchange classes
#     (hub_exchange.py), the feedback service and the roster command under $HUB_PREFIX/lib;
#   - with HUB_ROSTER=roster.csv: the class's accounts (deploy/hub/add-students).
#
# Settings (environment variables, with their defaults):
#   HUB_PREFIX=/opt/course-hub  HUB_DATA=/srv/course-hub  COURSE_ID=dl-course  HUB_GRADER=grader-$COURSE_ID
#   HUB_EXCHANGE=$HUB_DATA/exchange  HUB_IP= (all interfaces)  HUB_PORT=8000  HUB_HUB_PORT=8081
#   HUB_PROXY_API_PORT=8001  HUB_SERVICE_PORT=9999  HUB_PG_PORT=5432  HUB_AUTH=pam (or: fixed)
#   HUB_ADMINS= (hub admin users, comma separated)  HUB_ROSTER= (a CSV for add-students)
#   HUB_PYTHON_ENV=lock (build the environment from requirements.lock) or link:<site-packages> (reuse an
#       environment that already has the lock and JupyterHub installed: the tests, a development machine)
#   HUB_NODE_PREFIX=$HUB_PREFIX/node  HUB_SYNC_COURSE=0 (1: copy the repository's source/release again)
#   HUB_FEEDBACK=1 (the feedback service)  HUB_FEEDBACK_INTERVAL=2 (s between looks at the exchange)
#   HUB_FEEDBACK_MIN_INTERVAL=60 (s between two graded feedbacks of one student)  HUB_FEEDBACK_WORKERS=2
#   HUB_NO_APT=0 (1: never apt-get; fail when a system piece is missing)
set -euo pipefail

CHP_VERSION=4.6.3

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
# JupyterHub comes from the course's lock, like every other Python package (one place for its version).
JUPYTERHUB_VERSION=$(sed -n 's/^jupyterhub==//p' "$REPO/requirements.lock")
[ -n "$JUPYTERHUB_VERSION" ] || { echo "setup.sh: requirements.lock pins no jupyterhub" >&2; exit 1; }
HERE="$REPO/deploy/hub"
COURSE_ID=${COURSE_ID:-dl-course}
PREFIX=${HUB_PREFIX:-/opt/course-hub}
DATA=${HUB_DATA:-/srv/course-hub}
GRADER=${HUB_GRADER:-grader-$COURSE_ID}
EXCHANGE=${HUB_EXCHANGE:-$DATA/exchange}
IP=${HUB_IP:-}
PORT=${HUB_PORT:-8000}
HUB_API_PORT=${HUB_HUB_PORT:-8081}
PROXY_API_PORT=${HUB_PROXY_API_PORT:-8001}
SERVICE_PORT=${HUB_SERVICE_PORT:-9999}
PG_PORT=${HUB_PG_PORT:-5432}
AUTH=${HUB_AUTH:-pam}
PYENV=${HUB_PYTHON_ENV:-lock}
NODE_PREFIX=${HUB_NODE_PREFIX:-$PREFIX/node}
VENV=$PREFIX/venv
PY=$VENV/bin/python
PGDATA=$DATA/postgres
PGSOCK=$DATA/postgres-socket
DB_NAME=$(echo "$COURSE_ID" | tr -c 'a-zA-Z0-9\n' _)
RUN=$PREFIX/run
LOG=$PREFIX/log
ETC=$PREFIX/etc
LIB=$PREFIX/lib

say() { echo "course-hub: $*"; }
die() { echo "course-hub: error: $*" >&2; exit 1; }

pg_bin() {
    local found
    found=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
    if [ -n "$found" ] && [ -x "$found/pg_ctl" ]; then echo "$found"; return; fi
    command -v pg_ctl >/dev/null 2>&1 && dirname "$(command -v pg_ctl)" && return
    return 1
}

as_user() {  # as_user USER CMD...: CMD as USER with a clean environment
    local user=$1; shift
    local home; home=$(getent passwd "$user" | cut -d: -f6)
    runuser -u "$user" -- env -i HOME="$home" USER="$user" LANG=C.UTF-8 PATH="$VENV/bin:/usr/local/bin:/usr/bin:/bin" "$@"
}

# ------------------------------------------------------------------------------------------- system pieces
system_pieces() {
    local need=()
    command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 || need+=(nodejs npm)
    command -v bwrap >/dev/null 2>&1 || need+=(bubblewrap)
    pg_bin >/dev/null || need+=(postgresql)
    command -v runuser >/dev/null 2>&1 || need+=(util-linux)
    local v; v=$(sed -n 's/^# .*CPython \([0-9.]*\).*/\1/p' "$REPO/requirements.lock" | head -1); v=${v:-3.11}
    [ -x "/usr/bin/python$v" ] || need+=("python$v" "python$v-venv")
    [ "${#need[@]}" -eq 0 ] && return 0
    if [ "${HUB_NO_APT:-0}" = 1 ] || ! command -v apt-get >/dev/null 2>&1; then
        die "missing system packages: ${need[*]} (install them, e.g. apt-get install ${need[*]})"
    fi
    say "installing ${need[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}"
}

# ------------------------------------------------------------------------------------- Python environment
python_env() {
    local version; version=$(sed -n 's/^# .*CPython \([0-9.]*\).*/\1/p' "$REPO/requirements.lock" | head -1)
    version=${version:-3.11}
    local system=/usr/bin/python$version
    local stamp_want; stamp_want="$JUPYTERHUB_VERSION $PYENV $(sha256sum "$REPO/requirements.lock" | cut -c1-16) $(cd "$REPO" && find helpers instructor pyproject.toml -name '*.py' -o -name '*.toml' | sort | xargs cat | sha256sum | cut -c1-16)"
    if [ -f "$VENV/.course-hub-stamp" ] && [ "$(cat "$VENV/.course-hub-stamp")" = "$stamp_want" ]; then
        return 0
    fi
    case "$PYENV" in
    lock)
        [ -x "$PY" ] || "$system" -m venv "$VENV"
        "$PY" -m pip install --quiet --upgrade "pip>=24"
        local torch; torch=$(sed -n 's/^torch==//p' "$REPO/requirements.lock")
        "$PY" -m pip install --quiet --index-url "${TORCH_INDEX:-https://download.pytorch.org/whl/cpu}" "torch==$torch"
        "$PY" -m pip install --quiet -r "$REPO/requirements.lock"
        # The course package (helpers, instructor), not editable: the environment never reads the repository.
        "$PY" -m pip install --quiet --no-deps "$REPO"
        ;;
    link:*)
        local site=${PYENV#link:}
        [ -d "$site/jupyterhub" ] || die "$site has no JupyterHub: pip install jupyterhub==$JUPYTERHUB_VERSION there"
        rm -rf "$VENV"
        "$system" -m venv --without-pip "$VENV"
        # The course package installed (not the editable checkout: students' kernels must not see solutions/).
        rm -rf "$PREFIX/course-package"
        "$site/../../../bin/python" -m pip install --quiet --no-deps --no-build-isolation --no-compile \
            --target "$PREFIX/course-package" "$REPO"
        local vsite; vsite=$("$PY" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
        printf '%s\n%s\n' "$PREFIX/course-package" "$site" > "$vsite/course-hub-env.pth"
        mkdir -p "$VENV/share"; rm -rf "$VENV/share/jupyter"
        ln -sfn "$(cd "$site/../../.." && pwd)/share/jupyter" "$VENV/share/jupyter"
        mkdir -p "$VENV/etc"; rm -rf "$VENV/etc/jupyter"
        cp -r "$(cd "$site/../../.." && pwd)/etc/jupyter" "$VENV/etc/jupyter"
        for tool in alembic:alembic.config:main jupyter:jupyter_core.command:main \
                    nbgrader:nbgrader.apps.nbgraderapp:main jupyterhub:jupyterhub.app:main \
                    jupyterhub-singleuser:jupyterhub.singleuser:main; do
            IFS=: read -r name module func <<<"$tool"
            printf '#!%s\nimport sys\nfrom %s import %s\nsys.exit(%s())\n' "$PY" "$module" "$func" "$func" > "$VENV/bin/$name"
            chmod 755 "$VENV/bin/$name"
        done
        ;;
    *) die "HUB_PYTHON_ENV must be lock or link:<site-packages>, not $PYENV" ;;
    esac
    # The course's hub modules (exchange classes, feedback service) on every user's module path.
    local vsite; vsite=$("$PY" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
    echo "$LIB" > "$vsite/course-hub-lib.pth"
    "$PY" -c "import jupyterhub, nbgrader, helpers, instructor; assert jupyterhub.__version__ == '$JUPYTERHUB_VERSION', jupyterhub.__version__" \
        || die "the hub environment does not import jupyterhub $JUPYTERHUB_VERSION, nbgrader and the course package"
    chmod -R a+rX "$VENV" "$PREFIX/course-package" 2>/dev/null || true
    echo "$stamp_want" > "$VENV/.course-hub-stamp"
}

proxy() {
    local chp="$NODE_PREFIX/node_modules/.bin/configurable-http-proxy"
    if [ -x "$chp" ] && [ "$("$chp" --version 2>/dev/null)" = "$CHP_VERSION" ]; then return 0; fi
    mkdir -p "$NODE_PREFIX"
    say "installing configurable-http-proxy@$CHP_VERSION"
    npm install --silent --no-audit --no-fund --prefix "$NODE_PREFIX" "configurable-http-proxy@$CHP_VERSION" >/dev/null
    [ "$("$chp" --version)" = "$CHP_VERSION" ] || die "configurable-http-proxy is not $CHP_VERSION"
}

# ------------------------------------------------------------------------------------ accounts and folders
grader_account() {
    if ! id "$GRADER" >/dev/null 2>&1; then
        useradd --system --create-home --home-dir "/home/$GRADER" --shell /usr/sbin/nologin --user-group "$GRADER"
    fi
    local home; home=$(getent passwd "$GRADER" | cut -d: -f6)
    mkdir -p "$home"; chown "$GRADER:" "$home"; chmod 700 "$home"
}

exchange() {
    # The exchange may be anywhere students can reach; the course folder in it is the grader's:
    #   outbound 0755 (releases: readable, not writable by students), inbound 2733 (students create their
    #   submission, cannot list or read others; set-group-id: submissions get the graders' group),
    #   feedback 0711 (students fetch their own file by its secret name; cannot list).
    local group; group=$(id -gn "$GRADER")
    # The root: writable by all (nbgrader requires it of every command) with the sticky bit, so that only the
    # grader may rename or remove the course's folder.
    mkdir -p "$EXCHANGE"; chown root:root "$EXCHANGE"; chmod 1777 "$EXCHANGE"
    install -d -o "$GRADER" -g "$group" -m 755 "$EXCHANGE/$COURSE_ID" "$EXCHANGE/$COURSE_ID/outbound"
    install -d -o "$GRADER" -g "$group" -m 2733 "$EXCHANGE/$COURSE_ID/inbound"
    install -d -o "$GRADER" -g "$group" -m 711 "$EXCHANGE/$COURSE_ID/feedback"
    chmod 2733 "$EXCHANGE/$COURSE_ID/inbound"
}

course_dir() {
    local home; home=$(getent passwd "$GRADER" | cut -d: -f6)
    COURSE_DIR="$home/$COURSE_ID"
    local fresh=0
    [ -d "$COURSE_DIR" ] || fresh=1
    install -d -o "$GRADER" -g "$(id -gn "$GRADER")" -m 700 "$COURSE_DIR"
    if [ "$fresh" = 1 ] || [ "${HUB_SYNC_COURSE:-0}" = 1 ]; then
        say "copying the course (source, release, configuration) into $COURSE_DIR"
        cp -rT "$REPO/solutions" "$COURSE_DIR/solutions"
        cp -rT "$REPO/exercises" "$COURSE_DIR/exercises"
    fi
    # The repository's configuration, then this server's: the gradebook, the exchange.
    {
        cat "$REPO/nbgrader_config.py"
        echo
        echo "# --- this server (deploy/hub/setup.sh) ---"
        echo "c.CourseDirectory.root = '$COURSE_DIR'"
        echo "c.CourseDirectory.db_url = 'postgresql+psycopg2://$GRADER@/$DB_NAME?host=$PGSOCK&port=$PG_PORT'"
        echo "c.Exchange.root = '$EXCHANGE'"
        echo "c.Exchange.path_includes_course = False"
    } > "$COURSE_DIR/nbgrader_config.py.new"
    mv "$COURSE_DIR/nbgrader_config.py.new" "$COURSE_DIR/nbgrader_config.py"
    chown -R "$GRADER:" "$COURSE_DIR"
    chmod 700 "$COURSE_DIR"
}

global_nbgrader_config() {
    # Read by every user's server (Assignments tab) and the command line: the course, the exchange, and the
    # course's exchange classes (hub_exchange.py).
    mkdir -p "$VENV/etc/jupyter"
    cat > "$VENV/etc/jupyter/nbgrader_config.py" <<EOF
# Written by deploy/hub/setup.sh: the course on this hub.
c = get_config()  # noqa: F821
c.CourseDirectory.course_id = "$COURSE_ID"
c.Exchange.root = "$EXCHANGE"
c.ExchangeFactory.release_assignment = "hub_exchange.HubExchangeReleaseAssignment"
c.ExchangeFactory.submit = "hub_exchange.HubExchangeSubmit"
c.ExchangeFactory.collect = "hub_exchange.HubExchangeCollect"
c.ExchangeFactory.release_feedback = "hub_exchange.HubExchangeReleaseFeedback"
EOF
    chmod 644 "$VENV/etc/jupyter/nbgrader_config.py"
}

# -------------------------------------------------------------------------------------------- PostgreSQL
pg_running() { [ -f "$PGDATA/postmaster.pid" ] && runuser -u postgres -- "$(pg_bin)/pg_ctl" -D "$PGDATA" status >/dev/null 2>&1; }

pg_start() {
    pg_running && return 0
    runuser -u postgres -- "$(pg_bin)/pg_ctl" -D "$PGDATA" -l "$DATA/postgres-log/server.log" -w -t 60 \
        -o "-p $PG_PORT -c listen_addresses='' -k $PGSOCK" start >/dev/null
}

pg_stop() {
    [ -f "$PGDATA/postmaster.pid" ] || return 0
    runuser -u postgres -- "$(pg_bin)/pg_ctl" -D "$PGDATA" -m fast -w -t 60 stop >/dev/null 2>&1 || true
}

gradebook() {
    id postgres >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin postgres
    install -d -o postgres -g "$(id -gn postgres)" -m 700 "$PGDATA"
    install -d -o postgres -g "$(id -gn postgres)" -m 755 "$PGSOCK"
    install -d -o postgres -g "$(id -gn postgres)" -m 750 "$DATA/postgres-log"
    if [ ! -f "$PGDATA/PG_VERSION" ]; then
        runuser -u postgres -- "$(pg_bin)/initdb" -D "$PGDATA" -A peer -U postgres >/dev/null
        # Unix socket only; peer authentication: a connection's database role is its Unix account's name, and
        # only the grader account has a role in the gradebook. No TCP listener, no password.
        cat > "$PGDATA/pg_hba.conf" <<EOF
# course-hub: only the postgres superuser and the grader account, over the Unix socket, as themselves.
local   all         postgres    peer
local   $DB_NAME    $GRADER     peer
EOF
    fi
    pg_start
    local psql=("$(pg_bin)/psql" -h "$PGSOCK" -p "$PG_PORT" -U postgres -qtA)
    if [ -z "$(runuser -u postgres -- "${psql[@]}" -c "SELECT 1 FROM pg_roles WHERE rolname='$GRADER'")" ]; then
        runuser -u postgres -- "${psql[@]}" -c "CREATE ROLE \"$GRADER\" LOGIN"
    fi
    if [ -z "$(runuser -u postgres -- "${psql[@]}" -c "SELECT 1 FROM pg_database WHERE datname='$DB_NAME'")" ]; then
        runuser -u postgres -- "${psql[@]}" -c "CREATE DATABASE \"$DB_NAME\" OWNER \"$GRADER\""
    fi
    runuser -u postgres -- "${psql[@]}" -d "$DB_NAME" -c "REVOKE ALL ON DATABASE \"$DB_NAME\" FROM PUBLIC" >/dev/null
    # nbgrader creates its tables on first use; do it now, as the grader, so the first login is quick.
    (cd "$COURSE_DIR" && as_user "$GRADER" "$PY" -c "
from nbgrader.api import Gradebook
from traitlets.config.loader import PyFileConfigLoader
cfg = PyFileConfigLoader('nbgrader_config.py', path='.').load_config()
Gradebook(cfg.CourseDirectory.db_url, cfg.CourseDirectory.course_id).close()") >/dev/null
}

# ------------------------------------------------------------------------------------ configuration files
secret() {  # secret FILE: a random hex secret, created once, root only
    [ -s "$1" ] || (umask 077; "$PY" -c 'import secrets; print(secrets.token_hex(32))' > "$1")
    chmod 600 "$1"
}

configuration() {
    install -d -m 755 "$PREFIX" "$ETC" "$LIB" "$RUN" "$LOG"
    install -m 644 "$HERE/hub_exchange.py" "$HERE/feedback_service.py" "$HERE/roster.py" "$LIB/"
    install -m 644 "$HERE/jupyterhub_config.py" "$ETC/jupyterhub_config.py"
    install -d -m 700 "$ETC/secrets"
    secret "$ETC/secrets/cookie_secret"; secret "$ETC/secrets/proxy_token"; secret "$ETC/secrets/admin_token"
    [ -f "$ETC/secrets/passwords.json" ] || (umask 077; echo '{}' > "$ETC/secrets/passwords.json")
    [ -f "$ETC/roster.json" ] || echo '{"students": [], "instructors": []}' > "$ETC/roster.json"
    chmod 644 "$ETC/roster.json"
    local home; home=$(getent passwd "$GRADER" | cut -d: -f6)
    "$PY" - "$ETC/settings.json" <<EOF
import json, sys
admins = [a for a in "${HUB_ADMINS:-}".split(",") if a]
settings = {
    "course_id": "$COURSE_ID", "grader": "$GRADER", "python": "$PY", "repo": "$REPO",
    "course_dir": "$COURSE_DIR", "exchange": "$EXCHANGE", "state_dir": "$RUN", "log_dir": "$LOG",
    "lib_dir": "$LIB", "roster": "$ETC/roster.json", "ip": "$IP", "port": $PORT, "hub_port": $HUB_API_PORT,
    "proxy_api_port": $PROXY_API_PORT, "service_port": $SERVICE_PORT,
    "chp": "$NODE_PREFIX/node_modules/.bin/configurable-http-proxy",
    "cookie_secret_file": "$ETC/secrets/cookie_secret", "proxy_token_file": "$ETC/secrets/proxy_token",
    "admin_token_file": "$ETC/secrets/admin_token", "passwords_file": "$ETC/secrets/passwords.json",
    "authenticator": "$AUTH", "admins": admins,
    "gradebook": {"socket_dir": "$PGSOCK", "port": $PG_PORT, "database": "$DB_NAME"},
    "feedback": {"enabled": "${HUB_FEEDBACK:-1}" == "1", "interval": float("${HUB_FEEDBACK_INTERVAL:-2}"),
                 "min_interval": float("${HUB_FEEDBACK_MIN_INTERVAL:-60}"),
                 "workers": int("${HUB_FEEDBACK_WORKERS:-2}"),
                 "course_dir": "$home/$COURSE_ID-feedback"},
}
json.dump(settings, open(sys.argv[1], "w"), indent=1)
EOF
    chmod 644 "$ETC/settings.json"
}

# ------------------------------------------------------------------------------------------ the hub itself
hub_pid() { [ -f "$RUN/jupyterhub.pid" ] && kill -0 "$(cat "$RUN/jupyterhub.pid")" 2>/dev/null && cat "$RUN/jupyterhub.pid"; }

hub_url() { echo "http://${IP:-127.0.0.1}:$PORT"; }

start() {
    [ -f "$ETC/settings.json" ] || die "not installed: run $0 install first"
    pg_start
    if hub_pid >/dev/null; then say "running (pid $(hub_pid)) at $(hub_url)"; return 0; fi
    # The hub's own session and process group, detached from the caller; stop sends it SIGTERM.
    cd "$RUN"
    COURSE_HUB_SETTINGS="$ETC/settings.json" setsid "$PY" -m jupyterhub -f "$ETC/jupyterhub_config.py" \
        >>"$LOG/jupyterhub.log" 2>&1 </dev/null &
    local pid=$!
    cd - >/dev/null
    local api; api="$(hub_url)/hub/api/"
    for _ in $(seq 1 240); do
        kill -0 "$pid" 2>/dev/null || break
        if "$PY" -c "import urllib.request,sys; urllib.request.urlopen(sys.argv[1], timeout=2)" "$api" 2>/dev/null; then
            say "running (pid $pid) at $(hub_url) (log: $LOG/jupyterhub.log)"
            return 0
        fi
        sleep 0.5
    done
    tail -40 "$LOG/jupyterhub.log" >&2
    die "the hub did not answer at $api (log: $LOG/jupyterhub.log)"
}

stop() {
    local pid
    if pid=$(hub_pid); then
        kill -TERM "$pid"
        for _ in $(seq 1 120); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
        kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" || true
        say "hub stopped"
    fi
    # Anything the hub leaves behind (the proxy, single-user servers of a killed hub) is ended by pid file.
    for f in "$RUN"/jupyterhub-proxy.pid; do
        [ -f "$f" ] && kill -TERM "$(cat "$f")" 2>/dev/null || true
    done
    rm -f "$RUN/jupyterhub.pid" "$RUN/jupyterhub-proxy.pid"
    pg_stop
}

status() {
    if hub_pid >/dev/null; then say "hub running (pid $(hub_pid)) at $(hub_url)"; else say "hub stopped"; fi
    if [ -d "$PGDATA" ] && pg_running; then say "gradebook running (socket $PGSOCK)"; else say "gradebook stopped"; fi
    hub_pid >/dev/null
}

install_all() {
    [ "$(id -u)" = 0 ] || die "run as root"
    system_pieces
    install -d -m 755 "$PREFIX" "$DATA" "$ETC" "$LIB" "$RUN" "$LOG"
    python_env
    proxy
    grader_account
    exchange
    course_dir
    global_nbgrader_config
    configuration
    gradebook
    if [ -n "${HUB_ROSTER:-}" ]; then
        COURSE_HUB_SETTINGS="$ETC/settings.json" "$PY" "$LIB/roster.py" "$HUB_ROSTER"
    fi
    say "installed: JupyterHub $JUPYTERHUB_VERSION, configurable-http-proxy $CHP_VERSION, course $COURSE_ID"
}

# COURSE_DIR for start/stop/status
COURSE_DIR="$( (getent passwd "$GRADER" || true) | cut -d: -f6)/$COURSE_ID"
case "${1:-all}" in
    all) install_all; start ;;
    install) install_all ;;
    start) start ;;
    stop) stop ;;
    restart) stop; start ;;
    status) status ;;
    *) die "usage: $0 [install|start|stop|restart|status]" ;;
esac
