"""``legacylift verify``: prove a migration with the project's own tests.

The project is copied twice into a work folder: ``<name>.before`` stays as it is,
``<name>.after`` is modernized by legacylift's own engine. The project's test command runs
unchanged on the before copy with the ``--before`` interpreter and on the after copy with
each ``--after`` interpreter; a recorder loaded through ``sitecustomize`` (see ``recorder/``)
writes every test outcome, and the tests that passed before are matched with those that pass
after (:mod:`legacylift.verify.compare`). ``--baseline 2to3`` adds a third copy converted by
lib2to3 (:mod:`legacylift.verify.baseline`); :mod:`legacylift.verify.report` writes the page.
"""

from __future__ import annotations

EXIT_OK, EXIT_LOST, EXIT_USAGE, EXIT_CRASHED = 0, 1, 2, 3
