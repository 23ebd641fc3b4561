"""The command line's verbs, one module each, called by `cli.py` (the entry point).

This is the only code that imports both the engine and the renderers: it finds the
specs and the calendar of a workspace (`workspace`), calls the library, and prints what
it returns. The engine and the renderers never import it.
"""
