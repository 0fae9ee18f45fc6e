"""Make sure Chromium is there before the suite starts: the browser and PDF tests need it.

Run by `make test` (and `.ci/run`). When the browser is missing, root with
apt-get installs Debian's package, as CI does; anyone else gets one line that
says how to install it, instead of a suite full of errors. Standard library
only: it runs before the virtualenv matters.
"""

import os
import shutil
import subprocess
import sys

INSTALL = "sudo apt-get install chromium"


def plan(path: str, is_root: bool, has_apt: bool) -> str:
    """Return 'ok' when the browser is there, 'install' when we may install it, otherwise 'missing'."""
    if os.path.isfile(path) and os.access(path, os.X_OK):
        return "ok"
    return "install" if is_root and has_apt else "missing"


def missing_message(path: str) -> str:
    return (
        f"Chromium ontbreekt ({path}); installeer het met `{INSTALL}` of zet CHROMIUM_PATH. "
        f"/ Chromium is missing ({path}); install it with `{INSTALL}` or set CHROMIUM_PATH."
    )


def main() -> int:
    path = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
    action = plan(path, is_root=os.geteuid() == 0, has_apt=shutil.which("apt-get") is not None)
    if action == "ok":
        return 0
    if action == "missing":
        print(missing_message(path), file=sys.stderr)
        return 1
    print("Chromium ontbreekt; installeren uit Debian (apt-get install chromium).", flush=True)
    for command in (["apt-get", "update", "-qq"], ["apt-get", "install", "-y", "-qq", "chromium"]):
        if subprocess.run(command, stdout=subprocess.DEVNULL, check=False).returncode != 0:  # noqa: S603
            print(missing_message(path), file=sys.stderr)
            return 1
    if plan(path, is_root=True, has_apt=True) != "ok":
        print(missing_message(path), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
