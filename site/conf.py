"""Sphinx configuration of the course site (used by ``python -m instructor.site build``; see instructor/site.py).

The sources are generated into build/site-src/ from the executed notebooks; this folder holds the
configuration, the hand-written pages and the static files. Nothing here loads anything from the network:
notebooks are never executed (``nb_execution_mode = "off"``), the theme's fonts and icons are bundled with it,
the widget manager is not loaded, and MathJax is a local copy (see below).
"""

import os
from pathlib import Path

from sphinx.errors import ConfigError

HERE = Path(__file__).resolve().parent

project = "Deep learning, from the ground up"
author = "The course authors"
copyright = "the course authors"  # noqa: A001 - Sphinx's name

extensions = ["myst_nb"]
exclude_patterns = ["_build", "_mathjax", "**.ipynb_checkpoints"]
root_doc = "index"

# MyST-NB: show the notebooks exactly as the runner executed them.
nb_execution_mode = "off"
nb_merge_streams = True
nb_ipywidgets_js = {}  # the default loads require.js and the widget manager from CDNs
myst_enable_extensions = ["dollarmath", "amsmath"]
myst_heading_anchors = 3
suppress_warnings = ["myst.header", "mystnb.unknown_mime_type"]

# HTML
html_theme = "sphinx_book_theme"
html_title = "Deep learning, from the ground up"
html_static_path = [str(HERE / "_static")]
html_css_files = ["course.css"]
html_last_updated_fmt = None
html_copy_source = False
html_show_sourcelink = False
html_theme_options = {
    "show_toc_level": 2,
    "home_page_in_toc": True,
    "use_download_button": False,
    "use_fullscreen_button": False,
    "navigation_with_keys": False,
    "show_navbar_depth": 1,
    # No announcement, analytics, version switcher or icon links: each would reach the network.
}
html_context = {"default_mode": "light"}

# MathJax 3, local: instructor.site stages the part of it the site needs, from the Python package
# sphinx-mathjax-offline, into <sources>/_mathjax/mathjax/ and points COURSE_SITE_MATHJAX at _mathjax/. Without
# it the build stops: Sphinx's default would load MathJax from a CDN, which the offline site must not do.
_mathjax = os.environ.get("COURSE_SITE_MATHJAX", "")
if not (_mathjax and (Path(_mathjax) / "mathjax" / "tex-chtml.js").is_file()):
    raise ConfigError(
        f"no local MathJax 3 (COURSE_SITE_MATHJAX={_mathjax!r} holds no mathjax/tex-chtml.js): build the site "
        "with `python -m instructor.site build`, which copies it from the Python package sphinx-mathjax-offline "
        "(installed by `make install`)")
html_static_path.append(_mathjax)
mathjax_path = "mathjax/tex-chtml.js"  # relative to _static/
mathjax3_config = {
    # Only Sphinx's own delimiters: a "$$" in a notebook's HTML output is not a formula. (MyST adds
    # options.processHtmlClass, the classes of the elements that hold math.)
    "tex": {"inlineMath": [["\\(", "\\)"]], "displayMath": [["\\[", "\\]"]]},
    # No context menu: it would load more of MathJax (ui/, a11y/) than instructor.site stages.
    "options": {"enableMenu": False},
}
