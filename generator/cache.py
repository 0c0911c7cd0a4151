"""A content-addressed cache of the costly results: formatted files, parts of a spec found
valid, whole runs, and the records a `generate` is replayed from (replay).

Every entry is named by the digest (BLAKE2b, 256 bits) of everything its content depends on,
so an entry is either exactly what a cold run would compute or never looked up; nothing is
invalidated and a stale entry cannot be found. `check` uses only the entries named by exact
content (the text the formatter was given, a part's JSON); a whole run (spec bytes and every
file a $ref brought in, the templates, the generator's own code and the versions of the
libraries that shape the output) can only speed up `generate`.

Entries are written to a temporary file and renamed into place, so a reader sees a whole
entry or none; an entry that cannot be read is a miss. The cache lives in
`$GENERATOR_CACHE_DIR`, else `$XDG_CACHE_HOME/openapi-generator`, else `~/.cache/…`.
"""

from __future__ import annotations

import os
import sys

try:  # BLAKE2 without hashlib, whose OpenSSL bindings cost a reused run 9 ms to load
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - an interpreter built without it
    from hashlib import blake2b

# typing.TYPE_CHECKING without importing typing, which a reused run has no other use for.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable
    from pathlib import Path
    from typing import Any

# Libraries whose version can change the output for the same input: (module, distribution).
_LIBRARIES = (
    ("jinja2", "jinja2"),
    ("openapi_spec_validator", "openapi_spec_validator"),
    ("jsonschema", "jsonschema"),
    ("yaml", "pyyaml"),
    ("ruff", "ruff"),
)


def default_dir() -> str:
    if "GENERATOR_CACHE_DIR" in os.environ:
        return os.environ["GENERATOR_CACHE_DIR"]
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "openapi-generator")


def digest(*parts: str | bytes) -> str:
    h = blake2b(digest_size=32)
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "little"))  # framed: ("ab", "c") != ("a", "bc")
        h.update(data)
    return h.hexdigest()


def _read(path: str) -> bytes:
    with open(path, "rb") as handle:
        return handle.read()


def tool_digest() -> str:
    """The generator's own code and the versions of the libraries that shape what it writes,
    read from their installed metadata's folder names: neither importing the libraries nor
    importlib.metadata, and with nothing but `os`, so that a reused run does not pay for them."""
    here = os.path.dirname(os.path.abspath(__file__))
    code = sorted(
        os.path.relpath(os.path.join(folder, n), here).replace(os.sep, "/")
        for folder, _, names in os.walk(here)
        for n in names
        if n.endswith(".py")
    )
    parts: list[str | bytes] = [part for n in code for part in (n, _read(os.path.join(here, n)))]
    listings: dict[str, list[str]] = {}
    for module, distribution in _LIBRARIES:
        parts += _library_version(module, distribution, listings)
    return digest(*parts, sys.version)


def _library_version(module: str, distribution: str, listings: dict[str, list[str]]) -> list[str]:
    """The metadata folder names of the installation of `module` that imports would find: in
    the first folder on sys.path that holds the package (all of ours are regular packages)."""
    prefix = f"{distribution}-"
    for entry in sys.path:
        folder = entry or os.getcwd()
        if not os.path.isfile(os.path.join(folder, module, "__init__.py")):
            continue
        if folder not in listings:
            try:
                listings[folder] = os.listdir(folder)
            except OSError:
                listings[folder] = []
        found = sorted(n for n in listings[folder] if n.lower().startswith(prefix))
        # A development install without metadata beside it: its entry file, then.
        init = os.path.join(folder, module, "__init__.py")
        return found or [init, digest(_read(init))]
    return [f"{module} missing"]


class Cache:
    """Entries under `root/<kind>/<ab>/<digest>`; `root=None` disables it (`--no-cache`)."""

    def __init__(self, root: str | Path | None) -> None:
        self.root = root

    def get(self, kind: str, key: str) -> bytes | None:
        if self.root is None:
            return None
        try:
            return _read(os.path.join(self.root, kind, key[:2], key))
        except OSError:
            return None

    def put(self, kind: str, key: str, data: bytes) -> None:
        if self.root is None:
            return
        import tempfile  # here: a run reused whole writes nothing, and this import is slow

        folder = os.path.join(self.root, kind, key[:2])
        try:
            os.makedirs(folder, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-")
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(tmp, os.path.join(folder, key))
        except OSError:
            pass  # a cache that cannot be written is only slower

    def get_json(self, kind: str, key: str) -> Any:
        import json

        data = self.get(kind, key)
        if data is None:
            return None
        try:
            return json.loads(data)
        except ValueError:
            return None

    def put_json(self, kind: str, key: str, value: Any) -> None:
        import json

        self.put(kind, key, json.dumps(value, ensure_ascii=False).encode("utf-8"))


NO_CACHE = Cache(None)


def files_digest(paths: Iterable[str | Path]) -> dict[str, str]:
    """{path: digest of its bytes} of files a run read; unreadable ones get ""."""
    found = {}
    for path in sorted({str(p) for p in paths}):
        try:
            found[path] = digest(_read(path))
        except OSError:
            found[path] = ""
    return found
