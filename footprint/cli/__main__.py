"""``python -m footprint.cli``: the ``footprint`` command."""

from . import main

main()
