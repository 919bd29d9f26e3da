import sys

from legacylift.cli import main

sys.exit(main())
