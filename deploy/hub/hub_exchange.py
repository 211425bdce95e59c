"""nbgrader's file-system exchange, made private on a shared JupyterHub server.

Stock nbgrader 0.9.6 (``nbgrader.exchange.default``) leaves each submission world-readable (files 0644) in a
world-writable folder (0777), relying on the random suffix of its name to hide it (nbgrader issues #978, #1202,
#1225); feedback files are world-readable (0644) under names derived from the submission's secret, which
itself sits in the world-readable submission; and any student may submit under another student's name
(``nbgrader submit --student someone-else``), which collect then takes as that student's latest hand-in.

The classes here change only permissions and identity checks; the exchange's layout and protocol stay
nbgrader's, so the Assignments tab, formgrader and the command line work unchanged. Select them in the
global ``nbgrader_config.py`` (``setup.sh`` does)::

    c.ExchangeFactory.release_assignment = "hub_exchange.HubExchangeReleaseAssignment"
    c.ExchangeFactory.submit = "hub_exchange.HubExchangeSubmit"
    c.ExchangeFactory.collect = "hub_exchange.HubExchangeCollect"
    c.ExchangeFactory.release_feedback = "hub_exchange.HubExchangeReleaseFeedback"

What they assume (``setup.sh`` and ``add-students`` create it): the exchange's course folder and its
``inbound`` belong to the grader account (``inbound`` mode 2733: students may create entries but not list it);
every student has a private group of their own (Debian's default), of which the grader account is a member
(``add-students`` adds it; the grader's processes see a new membership when they next start).

* the exchange's root keeps its sticky bit (stock nbgrader makes it 0777, so a course's folder can be
  replaced by anyone);
* a submission (folder and files) belongs to its student and the student's private group, modes 0770/0640:
  the student and the grader can read it, no other student can list, read or change it;
* a student may only submit as themselves (their Unix user name);
* collect ignores a submission whose folder is not owned by the Unix account of the student it names;
* released feedback belongs to the grader with the student's private group, mode 0640 (when the grader is
  not in that group the file keeps nbgrader's mode and a warning is logged).
"""

from __future__ import annotations

import glob
import grp
import os
import pwd
import re
import stat

from nbgrader.exchange.default.collect import ExchangeCollect
from nbgrader.exchange.default.release_assignment import ExchangeReleaseAssignment
from nbgrader.exchange.default.release_feedback import ExchangeReleaseFeedback
from nbgrader.exchange.default.submit import ExchangeSubmit
from nbgrader.utils import get_username, notebook_hash

__all__ = ["HubExchangeReleaseAssignment", "HubExchangeSubmit", "HubExchangeCollect", "HubExchangeReleaseFeedback",
           "private_tree"]

SUBMISSION_DIR_MODE = 0o770
SUBMISSION_FILE_MODE = 0o640
FEEDBACK_FILE_MODE = 0o640


def private_tree(path: str, dir_mode: int = SUBMISSION_DIR_MODE, file_mode: int = SUBMISSION_FILE_MODE,
                 gid: int = -1) -> None:
    """Give every folder under ``path`` (itself included) ``dir_mode`` and every file ``file_mode`` (and the
    group ``gid``, unless -1)."""
    for dirname, _dirs, files in os.walk(path):
        for name in files:
            full = os.path.join(dirname, name)
            if not os.path.islink(full):
                os.chown(full, -1, gid)
                os.chmod(full, file_mode)
        os.chown(dirname, -1, gid)
        os.chmod(dirname, dir_mode)


class HubExchangeReleaseAssignment(ExchangeReleaseAssignment):
    """``nbgrader release_assignment``: the exchange's root stays as ``setup.sh`` made it.

    nbgrader's commands all require the exchange's root to be writable by the caller, and stock
    ``release_assignment`` forces it to 0777. In a world-writable folder without the sticky bit any user may
    rename the course's folder away and put a folder of their own in its place. ``setup.sh`` makes the root
    root's, mode 1777 (like /tmp: writable, but an entry can only be renamed or removed by its owner); this
    class leaves that mode alone (the grader could not change it anyway), warns about a root without the
    sticky bit, and reports a missing root (nbgrader #1212) instead of creating it with the wrong owner.
    """

    def ensure_root(self):
        if not os.path.isdir(self.root):
            self.fail(f"The exchange {self.root} does not exist: run deploy/hub/setup.sh (as root) to create it.")
        mode = stat.S_IMODE(os.stat(self.root).st_mode)
        if mode & 0o002 and not mode & stat.S_ISVTX:
            self.log.warning("The exchange %s is world-writable without the sticky bit (mode %o): any user "
                             "can replace the course's folder", self.root, mode)


class HubExchangeSubmit(ExchangeSubmit):
    """``nbgrader submit``: as the caller only, into a submission only the graders' group can read."""

    def init_dest(self):
        me = get_username()
        if self.coursedir.student_id not in ("*", "", me) and os.geteuid() != 0:
            self.fail(f"You may only submit as yourself ({me}), not as {self.coursedir.student_id!r}.")
        super().init_dest()

    def copy_files(self):
        old = os.umask(0o077)  # nothing is readable by others, even for the moment before the chmod below
        try:
            super().copy_files()
        finally:
            os.umask(old)
        private_tree(os.path.join(self.inbound_path, self.assignment_filename), gid=os.getgid())


class HubExchangeCollect(ExchangeCollect):
    """``nbgrader collect``: only submissions handed in by the Unix account of the student they name."""

    def _owned_by_student(self, record) -> bool:
        path = os.path.join(self.inbound_path, record["filename"])
        try:
            owner = os.stat(path).st_uid
            expected = pwd.getpwnam(record["username"]).pw_uid
        except KeyError:
            return True  # no such Unix account here (an exchange shared between hosts): nothing to compare
        except OSError:
            return False
        if owner != expected:
            self.log.warning("Ignoring %s: it names %s but was handed in by uid %s", record["filename"],
                             record["username"], owner)
            return False
        return True

    def _path_to_record(self, path):
        record = super()._path_to_record(path)
        record["_path"] = path
        return record

    def init_src(self):
        # Filter before nbgrader picks each student's latest submission, so an impostor's later hand-in can
        # not hide the student's own.
        original_glob = glob.glob

        def owned_only(pattern, *args, **kwargs):
            paths = original_glob(pattern, *args, **kwargs)
            if not pattern.startswith(os.path.join(self.inbound_path, "")):
                return paths
            keep = []
            for p in paths:
                rec = super(HubExchangeCollect, self)._path_to_record(p)
                if self._owned_by_student(rec):
                    keep.append(p)
            return keep

        import types

        import nbgrader.exchange.default.collect as collect_module

        # The collect module's own name for the glob module, replaced for this call only (not glob.glob itself,
        # which other threads of a formgrader process may be using).
        collect_module.glob = types.SimpleNamespace(glob=owned_only)
        try:
            super().init_src()
        finally:
            collect_module.glob = glob


class HubExchangeReleaseFeedback(ExchangeReleaseFeedback):
    """``nbgrader release_feedback``: each feedback file readable by its student (private group) only."""

    def copy_files(self):
        super().copy_files()
        pattern = re.escape(os.path.sep).join([
            self.coursedir.format_path(self.coursedir.feedback_directory, "(?P<student_id>.*)",
                                       self.coursedir.assignment_id, escape=True),
            "(?P<notebook_id>.*).html"])
        for html_file in glob.glob(os.path.join(self.src_path, "*.html")):
            m = re.match(pattern, html_file)
            if m is None:
                continue
            folder = os.path.dirname(html_file)
            try:
                with open(os.path.join(folder, "submission_secret.txt")) as fh:
                    secret = fh.read()
            except OSError:
                continue
            released = os.path.join(self.dest_path, notebook_hash(secret=secret,
                                                                  notebook_id=m.group("notebook_id")) + ".html")
            restrict_feedback(released, m.group("student_id"), self.log)


def restrict_feedback(path: str, student: str, log=None) -> bool:
    """Make ``path`` (a released feedback file) group-owned by ``student``'s private group, mode 0640."""
    try:
        gid = pwd.getpwnam(student).pw_gid
        grp.getgrgid(gid)
    except KeyError:
        if log:
            log.warning("No Unix account %s: feedback %s keeps its mode", student, path)
        return False
    try:
        os.chown(path, -1, gid)
        os.chmod(path, FEEDBACK_FILE_MODE)
        return True
    except PermissionError:
        if log:
            log.warning("Cannot give %s to the group of %s (is the grader in it?); it keeps mode %o", path,
                        student, stat.S_IMODE(os.stat(path).st_mode))
        return False
