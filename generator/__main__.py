"""`python -m generator`: a `generate` with nothing changed since its last run is answered
from that run's record (replay) before the command line and the pipeline are imported."""

import sys


def main() -> int:
    from .replay import replay

    code = replay(sys.argv[1:])
    if code is None:
        from .cli import main as run

        code = run()
    return code


if __name__ == "__main__":
    sys.exit(main())
