"""Meetings (bijeenkomsten): the programme's regional meetings beside the practices.

A meeting is a Markdown file with YAML front matter in a ``meetings/`` folder, read and checked
with the practice validator's machinery (:mod:`build_tools.validate`): same problem format, same
field checkers for regions, themes, contact and dates. Modules:

- :mod:`.model` the :class:`Meeting` type; :mod:`.kinds` the kinds vocabulary (``kinds.yml``)
- :mod:`.validate` front matter to a :class:`Meeting` or problems; :mod:`.load` a whole folder
- :mod:`.agenda` upcoming/past selection; :mod:`.feeds` iCalendar and Atom; :mod:`.export` open data
"""
