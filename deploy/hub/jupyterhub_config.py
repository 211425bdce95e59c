"""JupyterHub 5.5 configuration for the course on one server (written by ``deploy/hub/setup.sh``).

Everything deployment-specific is read from ``settings.json`` beside this file (``setup.sh`` writes it) and
the roster from ``roster.json`` (``add-students`` writes it), so this file itself never changes:

- users: real Unix accounts, spawned with ``LocalProcessSpawner``; JupyterLab is the default UI, with
  nbgrader's Assignments tab (the nbgrader lab extension of the hub's environment);
- authentication: PAM (``"authenticator": "pam"``, for a real class), or ``"fixed"``: fixed passwords from
  a root-only JSON file of SHA-256 hashes, for the tests and a demonstration only;
- the grader account runs formgrader as a hub-managed service (``/services/<course>/``) in the course
  directory; instructors reach it through the ``formgrade-<course>`` group and its
  ``access:services!service=<course>`` scope (JupyterHub 5 roles), students are the ``nbgrader-<course>``
  group and cannot reach it;
- the feedback service (``feedback_service.py``) runs as the grader, without a web endpoint;
- an API-only ``course-admin`` service whose token (in a root-only file) ``add-students`` and the tests use.
"""

import hashlib
import hmac
import json
import os
from pathlib import Path

c = get_config()  # noqa: F821 - provided by JupyterHub

HERE = Path(__file__).resolve().parent
S = json.loads(Path(os.environ.get("COURSE_HUB_SETTINGS", HERE / "settings.json")).read_text())
ROSTER_FILE = Path(S["roster"])
ROSTER = json.loads(ROSTER_FILE.read_text()) if ROSTER_FILE.exists() else {"students": [], "instructors": []}
COURSE = S["course_id"]
GRADER = S["grader"]
PYTHON = S["python"]
SERVICE = COURSE                      # formgrader's service name (nbgrader's convention: the course id)
FEEDBACK_SERVICE = f"{COURSE}-feedback"
STUDENTS = sorted(ROSTER.get("students", []))
INSTRUCTORS = sorted(ROSTER.get("instructors", []))

# --- the hub, the proxy, the database -------------------------------------------------------------------------
c.JupyterHub.ip = S.get("ip", "")
c.JupyterHub.port = int(S.get("port", 8000))
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = int(S.get("hub_port", 8081))
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{int(S.get('proxy_api_port', 8001))}"
c.ConfigurableHTTPProxy.command = [S["chp"]]
c.ConfigurableHTTPProxy.auth_token = Path(S["proxy_token_file"]).read_text().strip()
c.JupyterHub.cookie_secret_file = S["cookie_secret_file"]
c.JupyterHub.db_url = "sqlite:///" + str(Path(S["state_dir"]) / "jupyterhub.sqlite")
c.JupyterHub.pid_file = str(Path(S["state_dir"]) / "jupyterhub.pid")
c.JupyterHub.cleanup_servers = True
c.JupyterHub.shutdown_on_logout = False
c.JupyterHub.last_activity_interval = 60
c.JupyterHub.template_vars = {"announcement_login": f"Course {COURSE}: sign in with your course account."}

# --- authentication ------------------------------------------------------------------------------------------
if S.get("authenticator", "pam") == "fixed":
    from jupyterhub.auth import Authenticator
    from traitlets import Unicode

    class FixedPasswordAuthenticator(Authenticator):
        """Fixed passwords (SHA-256 hex digests in a root-only JSON file): for tests and demonstrations."""

        password_file = Unicode(S.get("passwords_file", "")).tag(config=True)

        async def authenticate(self, handler, data):
            hashes = json.loads(Path(self.password_file).read_text())
            user = (data or {}).get("username", "")
            digest = hashlib.sha256((data or {}).get("password", "").encode()).hexdigest()
            if user in hashes and hmac.compare_digest(hashes[user], digest):
                return user
            return None

    c.JupyterHub.authenticator_class = FixedPasswordAuthenticator
else:
    c.JupyterHub.authenticator_class = "pam"
    c.PAMAuthenticator.open_sessions = False  # containers and most servers have no session manager for it
c.Authenticator.allowed_users = set(STUDENTS) | set(INSTRUCTORS)
c.Authenticator.admin_users = set(S.get("admins", []))
c.Authenticator.allow_existing_users = True  # users added with add-students (REST API) stay allowed

# --- the users' servers ----------------------------------------------------------------------------------------
c.JupyterHub.spawner_class = "jupyterhub.spawner.LocalProcessSpawner"
c.Spawner.cmd = [PYTHON, "-m", "jupyterhub.singleuser"]
c.Spawner.default_url = "/lab"
c.Spawner.http_timeout = 120
c.Spawner.start_timeout = 180
c.Spawner.environment = {
    "PATH": f"{Path(PYTHON).parent}:/usr/local/bin:/usr/bin:/bin",
    "LANG": "C.UTF-8",
}
c.LocalProcessSpawner.shell_cmd = []

# --- groups, roles and services (JupyterHub 5 scopes) --------------------------------------------------------
c.JupyterHub.load_groups = {
    f"formgrade-{COURSE}": {"users": sorted(set(INSTRUCTORS) | {GRADER})},
    f"nbgrader-{COURSE}": {"users": STUDENTS},
}
c.JupyterHub.load_roles = [
    # Instructors (and the grader) may use formgrader.
    {"name": f"formgrade-{COURSE}", "groups": [f"formgrade-{COURSE}"],
     "scopes": [f"access:services!service={SERVICE}"]},
    # nbgrader's JupyterHub auth plugin looks up the groups of the user who opens formgrader.
    {"name": f"{COURSE}-grader-service", "services": [SERVICE, FEEDBACK_SERVICE],
     "scopes": ["read:users", "read:groups", "list:users", "list:groups"]},
    # add-students and the tests: create users and their tokens, change group membership, start servers.
    {"name": "course-admin", "services": ["course-admin"],
     "scopes": ["admin:users", "admin:groups", "admin:servers", "tokens", "list:users", "list:groups",
                "read:users", "read:groups", "access:servers"]},
]
service_env = {
    "PATH": f"{Path(PYTHON).parent}:/usr/local/bin:/usr/bin:/bin",
    "LANG": "C.UTF-8",
    "JUPYTERHUB_DEFAULT_URL": "/lab",
    "COURSE_HUB_SETTINGS": str(Path(os.environ.get("COURSE_HUB_SETTINGS", HERE / "settings.json"))),
}
c.JupyterHub.services = [
    {
        # Formgrader: a JupyterLab server of the grader account in the course directory. Inside JupyterLab's
        # iframe it may be blank under JupyterHub >= 4.1 (nbgrader #1870/#1947); the course's instructions and
        # the tests open it in a tab of its own: /services/<course>/formgrader.
        "name": SERVICE,
        "url": f"http://127.0.0.1:{int(S.get('service_port', 9999))}",
        "command": [PYTHON, "-m", "jupyterhub.singleuser", f"--ServerApp.root_dir={S['course_dir']}"],
        "user": GRADER,
        "cwd": S["course_dir"],
        "environment": service_env,
        "oauth_no_confirm": True,
    },
    {
        # Feedback minutes after submitting: autogrades each new submission in the sandbox, releases feedback.
        "name": FEEDBACK_SERVICE,
        "command": [PYTHON, str(Path(S["lib_dir"]) / "feedback_service.py"), "--settings",
                    service_env["COURSE_HUB_SETTINGS"]],
        "user": GRADER,
        "cwd": S["course_dir"],
        "environment": service_env,
    } if S.get("feedback", {}).get("enabled", True) else None,
    {"name": "course-admin", "api_token": Path(S["admin_token_file"]).read_text().strip()},
]
c.JupyterHub.services = [s for s in c.JupyterHub.services if s]

# JupyterHub 5.5 gives a managed service with a URL ten checks of one second to answer, and stops if it does not
# (app.py, start_service). Formgrader is a whole JupyterLab server: on a busy machine its imports alone take
# longer. Those one-second checks get SERVICE_WAIT seconds each; every other wait keeps its own timeout.
SERVICE_WAIT = float(S.get("service_wait", 12))
from jupyterhub.objects import Server as _Server  # noqa: E402

if not getattr(_Server.wait_up, "_course_hub", False):
    _wait_up = _Server.wait_up

    def _patient_wait_up(self, timeout=10, http=False, ssl_context=None, extra_path=""):
        return _wait_up(self, timeout=SERVICE_WAIT if timeout == 1 else timeout, http=http,
                        ssl_context=ssl_context, extra_path=extra_path)

    _patient_wait_up._course_hub = True
    _Server.wait_up = _patient_wait_up
