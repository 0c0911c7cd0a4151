"""A content-addressed cache of the costly results: formatted files, parts of a spec found
valid, and whole runs.

Every entry is named by the SHA-256 of everything its content depends on, so an entry is
either exactly what a cold run would compute or never looked up; nothing is invalidated and
a stale entry cannot be found. `check` uses only the entries named by exact content (the text
the formatter was given, a part's JSON); a whole run (spec bytes and every file a $ref brought in,
the templates, the generator's own code and the versions of the libraries that shape the
output) can only speed up `generate`.

Entries are written to a temporary file and renamed into place, so a reader sees a whole
entry or none; an entry that cannot be read is a miss. The cache lives in
`$GENERATOR_CACHE_DIR`, else `$XDG_CACHE_HOME/openapi-generator`, else `~/.cache/…`.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import sys
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


def default_dir() -> Path:
    if "GENERATOR_CACHE_DIR" in os.environ:
        return Path(os.environ["GENERATOR_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "openapi-generator"


def digest(*parts: str | bytes) -> str:
    h = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "little"))  # framed: ("ab", "c") != ("a", "bc")
        h.update(data)
    return h.hexdigest()


def _tree_digest(root: Path, pattern: str) -> str:
    files = sorted(p for p in root.rglob(pattern) if p.is_file())
    return digest(
        *(part for p in files for part in (p.relative_to(root).as_posix(), p.read_bytes()))
    )


def tool_digest() -> str:
    """The generator's own code and the versions of the libraries that shape what it writes,
    read from their installed metadata's folder names: neither importing the libraries nor
    importlib.metadata, so that a reused run does not pay for them."""
    libraries = []
    for module, distribution in _LIBRARIES:
        spec = importlib.util.find_spec(module)
        if spec is None or not spec.origin:
            libraries.append(f"{module} missing")
            continue
        origin = Path(spec.origin)
        site = origin.parent.parent if origin.name.startswith("__init__") else origin.parent
        prefix = f"{distribution}-"
        try:
            found = sorted(n for n in os.listdir(site) if n.lower().startswith(prefix))
        except OSError:
            found = []
        # A development install without metadata beside it: its entry file, then.
        libraries += found or [str(origin), digest(origin.read_bytes())]
    return digest(_tree_digest(Path(__file__).parent, "*.py"), *libraries, sys.version)


class Cache:
    """Entries under `root/<kind>/<ab>/<digest>`; `root=None` disables it (`--no-cache`)."""

    def __init__(self, root: Path | None) -> None:
        self.root = root

    def get(self, kind: str, key: str) -> bytes | None:
        if self.root is None:
            return None
        try:
            return (self.root / kind / key[:2] / key).read_bytes()
        except OSError:
            return None

    def put(self, kind: str, key: str, data: bytes) -> None:
        if self.root is None:
            return
        import tempfile  # here: a run reused whole writes nothing, and this import is slow

        folder = self.root / kind / key[:2]
        try:
            folder.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-")
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(tmp, folder / key)
        except OSError:
            pass  # a cache that cannot be written is only slower

    def get_json(self, kind: str, key: str) -> Any:
        data = self.get(kind, key)
        if data is None:
            return None
        try:
            return json.loads(data)
        except ValueError:
            return None

    def put_json(self, kind: str, key: str, value: Any) -> None:
        self.put(kind, key, json.dumps(value, ensure_ascii=False).encode("utf-8"))


NO_CACHE = Cache(None)


def files_digest(paths: Iterable[Path]) -> dict[str, str]:
    """{path: digest of its bytes} of files a run read; unreadable ones get ""."""
    found = {}
    for path in sorted({str(p) for p in paths}):
        try:
            found[path] = digest(Path(path).read_bytes())
        except OSError:
            found[path] = ""
    return found
