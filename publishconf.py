"""Pelican settings for the published site: pelicanconf.py plus the public address."""

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: F403

# The public address; the deploy target (rsync or gh-pages) is set in tasks.py / environment.
SITEURL = PUBLISHED_URL  # noqa: F405  (pelicanconf.py: from the SITEURL environment variable, or the default)
RELATIVE_URLS = False
DELETE_OUTPUT_DIRECTORY = True
# What goes public is read from the Markdown files themselves, not from the editor's content cache.
LOAD_CONTENT_CACHE = False
RENDER_CACHE = {"enabled": False}  # every published page is rendered from its files

# .gz and .br copies next to every text file for hosts that serve them; slow (brotli 11), so only here.
PRECOMPRESS = {"enabled": True}

# GitHub Pages keeps a custom domain only if the published branch has a CNAME file.
HOST_FILES = {"cname": os.environ.get("SITE_CNAME", "")}
