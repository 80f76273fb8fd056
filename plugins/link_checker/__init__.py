"""Link checker: after each build, every link, image, fragment, translation and sitemap entry must resolve.

Broken internal links stop the build with the Markdown file (and line) or template that wrote them;
external URLs are checked for form offline and live on demand (`invoke linkcheck --external`).
The check runs as a step of the audit pass (`link_checker/step.py`, AUDIT["steps"]).
"""


def register():
    """Nothing to connect: the audit plugin runs this plugin's step (step.py) in its one pass."""
