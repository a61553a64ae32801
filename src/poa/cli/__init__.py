"""The `poa` command line: parser, commands, inputs and output (see DESIGN.md's CLI contracts)."""

from poa.cli.run import main

__all__ = ["main"]
