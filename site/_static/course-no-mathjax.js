// Stand-in for MathJax when no local copy was found at build time (the site never loads it from a CDN):
// formulas stay as their LaTeX source, marked so that course.css can set them apart.
document.addEventListener("DOMContentLoaded", () => document.body.classList.add("course-no-mathjax"));
