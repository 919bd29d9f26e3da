# A folder, not a package to import: `legacylift verify` puts it first on the PYTHONPATH of
# the test command so that its sitecustomize.py loads at interpreter start-up. This file
# only makes the installers ship the folder. Everything here must stay valid Python 2.7.
