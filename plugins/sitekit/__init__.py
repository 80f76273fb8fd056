"""Helpers shared by the site's local plugins: settings merging, findings and the output-to-source map."""
