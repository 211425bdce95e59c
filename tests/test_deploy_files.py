"""Offline checks of the deployment files (issue 22): what can be validated without a server or a cluster.

- ``deploy/k8s/values.yaml`` and ``deploy/k8s/grader.yaml`` parse, and name the same course, groups, services,
  image and gradebook as each other and as the one-server set-up (``deploy/hub/``);
- ``deploy/k8s/Dockerfile`` installs from ``requirements.lock`` (torch from the CPU index, as ``make install``),
  pins JupyterHub at the version ``deploy/hub/setup.sh`` pins, installs the course package without the
  solutions, and bakes the nbgrader configuration in;
- the one-server files: ``setup.sh`` passes ``bash -n`` and pins JupyterHub and configurable-http-proxy to exact
  versions, the Python files compile, and the guide covers both set-ups and says what was not run.
"""

from __future__ import annotations

import ast
import re
import subprocess
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
K8S = ROOT / "deploy" / "k8s"
HUB = ROOT / "deploy" / "hub"
COURSE = "dl-course"


def values() -> dict:
    return yaml.safe_load((K8S / "values.yaml").read_text())


def grader_docs() -> list[dict]:
    return [d for d in yaml.safe_load_all((K8S / "grader.yaml").read_text()) if d]


def pinned(name: str, text: str) -> str:
    match = re.search(rf"^{name}=([0-9][0-9.]*)$", text, re.M)
    assert match, f"{name} is not pinned to an exact version"
    return match.group(1)


def test_values_parse_and_name_the_course():
    v = values()
    hub = v["hub"]
    groups = hub["config"]["JupyterHub"]["load_groups"]
    assert set(groups) == {f"formgrade-{COURSE}", f"nbgrader-{COURSE}"}
    roles = hub["loadRoles"]
    assert roles[f"formgrade-{COURSE}"]["scopes"] == [f"access:services!service={COURSE}"]
    assert roles[f"formgrade-{COURSE}"]["groups"] == [f"formgrade-{COURSE}"]
    assert {COURSE, f"{COURSE}-feedback", "ngshare", "course-admin"} <= set(hub["services"])
    assert v["singleuser"]["defaultUrl"] == "/lab"
    assert v["singleuser"]["cmd"] == "jupyterhub-singleuser"


def test_grader_manifests_match_the_values():
    v = values()
    docs = {(d["kind"], d["metadata"]["name"]): d for d in grader_docs()}
    assert {k for k, _ in docs} == {"PersistentVolumeClaim", "Secret", "Service", "Deployment", "Job"}
    service = docs[("Service", f"grader-{COURSE}")]
    port = service["spec"]["ports"][0]["port"]
    assert v["hub"]["services"][COURSE]["url"] == f"http://grader-{COURSE}:{port}"
    deployment = docs[("Deployment", f"grader-{COURSE}")]
    containers = {c["name"]: c for c in deployment["spec"]["template"]["spec"]["containers"]}
    env = {e["name"]: e for e in containers["formgrader"]["env"]}
    assert env["JUPYTERHUB_SERVICE_NAME"]["value"] == COURSE
    assert env["JUPYTERHUB_SERVICE_PREFIX"]["value"] == f"/services/{COURSE}/"
    assert "NBGRADER_DB_URL" in env and "NBGRADER_DB_URL" in {e["name"] for e in containers["feedback"]["env"]}
    secret = docs[("Secret", f"{COURSE}-gradebook")]["stringData"]
    assert secret["NBGRADER_DB_URL"].startswith("postgresql+psycopg2://")
    assert secret["JUPYTERHUB_API_TOKEN"] == v["hub"]["services"][COURSE]["apiToken"]
    assert secret["FEEDBACK_API_TOKEN"] == v["hub"]["services"][f"{COURSE}-feedback"]["apiToken"]
    image = f"{v['singleuser']['image']['name']}:{v['singleuser']['image']['tag']}"
    job = docs[("Job", f"{COURSE}-autograde")]
    images = [c["image"] for c in deployment["spec"]["template"]["spec"]["containers"]]
    images += [c["image"] for c in job["spec"]["template"]["spec"]["containers"]]
    assert set(images) == {image}
    # the workers grade with the course's sandboxed grader, sharded by the Job's index
    script = job["spec"]["template"]["spec"]["containers"][0]["command"][-1]
    assert "instructor.autograde" in script and "JOB_COMPLETION_INDEX" in script
    assert job["spec"]["completions"] == job["spec"]["parallelism"]
    claims = {vol["persistentVolumeClaim"]["claimName"] for d in (deployment, job)
              for vol in d["spec"]["template"]["spec"]["volumes"]}
    assert claims == {f"{COURSE}-course"}
    assert docs[("PersistentVolumeClaim", f"{COURSE}-course")]["spec"]["accessModes"] == ["ReadWriteMany"]


def test_dockerfile_builds_from_the_lock():
    text = (K8S / "Dockerfile").read_text()
    setup = (HUB / "setup.sh").read_text()
    assert "COPY requirements.lock" in text and "-r /tmp/course/requirements.lock" in text
    assert "sed -n 's/^torch==//p' /tmp/course/requirements.lock" in text  # torch at the locked version
    assert "download.pytorch.org/whl/cpu" in text
    assert "jupyterhub==" not in text.lower() and "JUPYTERHUB_VERSION" not in text, \
        "the Dockerfile pins JupyterHub itself; expected it from requirements.lock only"
    assert "requirements.lock" in setup
    assert re.search(r"ARG NGSHARE_EXCHANGE_VERSION=\d+\.\d+\.\d+", text)
    assert "COPY solutions" not in text and "COPY . " not in text  # no solutions in the students' image
    assert "pip install --no-cache-dir --no-deps /tmp/course" in text
    assert "COPY deploy/k8s/nbgrader_config.py /etc/jupyter/nbgrader_config.py" in text
    config = (K8S / "nbgrader_config.py").read_text()
    assert f'c.CourseDirectory.course_id = "{COURSE}"' in config and "ngshare_exchange" in config
    ast.parse(config)
    # Every COPY source exists in the repository (the build context is its root).
    for src in re.findall(r"^COPY (.+) \S+$", text, re.M):
        for part in src.split():
            assert (ROOT / part).exists(), f"Dockerfile copies {part}, which does not exist"


def test_one_server_files():
    setup = HUB / "setup.sh"
    assert subprocess.run(["bash", "-n", str(setup)], capture_output=True).returncode == 0
    text = setup.read_text()
    # JupyterHub's version is the lock's (one place): a 5.5 release, which nbgrader 0.9.6 supports.
    lock = (ROOT / "requirements.lock").read_text()
    assert re.search(r"^jupyterhub==5\.5\.\d+$", lock, re.M), "expected jupyterhub==5.5.x in requirements.lock"
    assert "JUPYTERHUB_VERSION=$(sed -n 's/^jupyterhub==//p' \"$REPO/requirements.lock\")" in text
    assert re.match(r"\d+\.\d+\.\d+$", pinned("CHP_VERSION", text))
    assert 'configurable-http-proxy@$CHP_VERSION' in text
    for path in HUB.glob("*.py"):
        ast.parse(path.read_text(), filename=str(path))
    config = (HUB / "jupyterhub_config.py").read_text()
    assert "LocalProcessSpawner" in config and '"pam"' in config
    assert "access:services!service=" in config and "nbgrader-" in config and "formgrade-" in config


def test_guide_covers_both_setups():
    guide = (ROOT / "deploy" / "README.md").read_text()
    for words in ("setup.sh", "add-students", "values.yaml", "ngshare", "PostgreSQL", "grader", "autograde",
                  "What was not run"):
        assert words in guide, f"the deployment guide does not mention {words!r}"
