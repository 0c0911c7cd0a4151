"""Generates a typed Python client from an OpenAPI document.

The pipeline, one module a step: load -> validate -> parse (the intermediate model) ->
render -> format -> write; `pipeline` runs it and `cli` is its command line.
"""

__version__ = "0.1.0"
