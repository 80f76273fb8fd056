"""The base class of every error a site check raises to stop the build with a message for editors."""


class SiteBuildError(Exception):
    """A problem in the content, data or settings that an editor or maintainer must fix.

    The runner prints its message without a traceback: the message names the file (and line) to fix.
    """
