"""Build tools of the Kennisbank goede praktijken: load, validate, render.

The pipeline runs in stages, one module each:

* :mod:`build_tools.vocabulary` - the controlled vocabularies (regions, themes), read from
  the YAML data files in ``build_tools/vocabularies/``;
* :mod:`build_tools.frontmatter` - splitting a practice file into front matter and body,
  with the line number of every key;
* :mod:`build_tools.validate` - turning front matter into a :class:`~build_tools.model.Practice`
  or a list of :class:`~build_tools.model.Problem` objects;
* :mod:`build_tools.load` - reading a whole folder: every file, every problem, one result.

Downstream stages (search index, site pages, export, statistics) only ever see
:class:`~build_tools.model.Practice` objects with canonical values.
"""
