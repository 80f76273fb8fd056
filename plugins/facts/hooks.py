"""Signal handlers of the facts plugin: load and check the figures, give the facts page its charts."""

from __future__ import annotations

from jinja2 import pass_context
from markupsafe import Markup

from i18n.catalogs import lang_of_context
from sitekit.plugins import require
from sitekit.yamldata import DataFileError, load_plugin_data
from sources.hooks import registry

from .charts import chart_svg, format_number
from .data import validate_facts

DEFAULTS = {
    # The figures and charts, relative to the content folder.
    "data_file": "data/facts.yaml",
}

_state: dict = {}


def load(pelican) -> None:
    """Check the facts file once the sources registry is loaded (this plugin comes after `sources`)."""
    require(pelican.settings, "sources", by="facts", why="every figure names its source in sources.yaml")
    loaded = load_plugin_data(pelican.settings, "FACTS", DEFAULTS)
    data = loaded.data
    problems = validate_facts(data, loaded.lines, loaded.shown, loaded.languages, set(registry()))
    if problems:
        raise DataFileError("\n".join(problems))
    _state.clear()
    _state.update(figures=tuple(data["figures"]), charts=tuple(data.get("charts") or ()))


def install_in_jinja(generator) -> None:
    if "figures" not in _state:
        return
    default = generator.settings.get("DEFAULT_LANG", "km")

    @pass_context
    def chart(context, item):
        return Markup(chart_svg(item, lang_of_context(context, default)))

    @pass_context
    def number(context, value):
        return format_number(value, lang_of_context(context, default))

    generator.env.globals["FACT_FIGURES"] = _state["figures"]
    generator.env.globals["FACT_CHARTS"] = _state["charts"]
    generator.env.globals["chart_svg"] = chart
    generator.env.filters["number"] = number
