"""The A11Y_CHECKS settings: documented defaults, merged with the project's dict and checked."""

from __future__ import annotations

import os

from sitekit.settings import PluginSettingsError, merge_settings

from .rules import RULES

DEFAULTS = {
    # The stylesheet whose colour pairs are checked, relative to the theme folder.
    "css_file": "static/css/site.css",
    # Least contrast of normal text on its background (WCAG 1.4.3).
    "min_contrast": 4.5,
    # Least contrast of large text, graphics, form control borders and focus indicators (WCAG 1.4.3, 1.4.11).
    "min_contrast_large": 3.0,
    # Link texts that say nothing out of context, per language (compared ignoring case and punctuation).
    "vague_link_texts": {
        "en": [
            "click here",
            "click",
            "here",
            "this",
            "read more",
            "more",
            "learn more",
            "find out more",
            "more info",
            "more information",
            "details",
            "link",
            "this link",
            "this page",
            "go",
            "continue",
            "continue reading",
        ],
        "km": [
            "ចុចទីនេះ",
            "ចុចត្រង់នេះ",
            "ចុច",
            "ទីនេះ",
            "នៅទីនេះ",
            "ត្រង់នេះ",
            "អានបន្ថែម",
            "អានបន្ត",
            "អានតទៀត",
            "បន្ថែម",
            "មើលបន្ថែម",
            "ស្វែងយល់បន្ថែម",
            "ព័ត៌មានបន្ថែម",
            "តំណនេះ",
            "ទំព័រនេះ",
            "លម្អិត",
        ],
    },
    # Words that tell a reader a link opens a new window or tab (any language's are accepted).
    "new_window_texts": {
        "en": ["new window", "new tab"],
        "km": ["ផ្ទាំងថ្មី", "បង្អួចថ្មី"],
    },
    # How many Latin words in a row, inside Khmer text, make an English phrase that needs lang="en".
    "english_min_words": 2,
    # The element holding the Markdown text in article and page templates: problems inside it name the Markdown file.
    "prose_selector": ".prose",
    # Glob patterns of output pages (relative to the output folder) that are not checked, e.g. "drafts/*".
    "skip_pages": [],
    # Rule ids that are not applied at all.
    "ignore_rules": [],
    # Rule ids reported as warnings (listed in the summary, the build goes on) instead of errors.
    "warning_rules": [],
}


def load_config(settings: dict) -> dict:
    """The merged A11Y_CHECKS dict plus what the checks derive from Pelican's settings."""
    config = merge_settings("A11Y_CHECKS", DEFAULTS, settings.get("A11Y_CHECKS"))
    unknown = sorted({*config["ignore_rules"], *config["warning_rules"]} - set(RULES))
    if unknown:
        raise PluginSettingsError(
            f"A11Y_CHECKS: unknown rule id(s) {', '.join(unknown)}; known rules: {', '.join(RULES)}"
        )
    languages = list((settings.get("I18N") or {}).get("languages") or [])
    if not languages:
        languages = [settings.get("DEFAULT_LANG", "en")]
    config["languages"] = languages
    config["project_root"] = os.path.dirname(os.path.abspath(settings["PATH"]))
    config["css_path"] = os.path.join(settings["THEME"], config["css_file"])
    return config
