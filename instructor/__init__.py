"""The instructor's and CI's side of the course: never imported by a lecture or an exercise, never shipped in
the student edition.

- :mod:`instructor.manifest`  -- the course manifest (course.toml): chapters, budgets, targets; the README table
- :mod:`instructor.runner`    -- execute every notebook once, check its targets, write build/run/report.*
- :mod:`instructor.site`      -- the static course site from the executed lectures
- :mod:`instructor.course`    -- nbgrader plumbing: the release, scratch course directories, the student edition
- :mod:`instructor.autograde` -- the sandboxed, fair executor nbgrader runs, and the parallel class grader
- :mod:`instructor.sandbox`   -- the bubblewrap sandbox student code runs in while it is graded
- :mod:`instructor.launch`    -- Binder/Colab links, badges and the lecture notebooks' Colab guard cell

The teaching library students import is :mod:`helpers`; the only grading code there is what must run in the
student's kernel: :mod:`helpers.guard` (tamper checks) and :func:`helpers.checks.blocked`.
"""
