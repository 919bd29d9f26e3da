"""``python -m legacylift.report``: the same as ``legacylift report``."""

import sys

from legacylift.report.cli import main

sys.exit(main())
