"""Write files safely: whole or not at all, never through a link, never over a folder.

Everything the course writes for a learner (a plan's CSV, a recording) goes through
`write_atomically`: the content goes to a temporary file made by `tempfile.mkstemp` in the
target's own folder (a name nobody can guess or plant beforehand, opened exclusively), which is
then renamed over the target in one step. If anything fails, the temporary file is removed and
the old file is left as it was.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path


def check_target(path: str | Path) -> Path:
    """The path to write, refused (ValueError) if it is not a regular file or a new name in a folder.

    A symbolic link, a folder, a device or a pipe is never replaced.
    """
    path = Path(path)
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        info = None
    except OSError as error:
        raise ValueError(f"path cannot be checked ({error.strerror}); got {str(path)!r}") from None
    if info is not None and stat.S_ISLNK(info.st_mode):
        raise ValueError(f"path is a symbolic link; only a regular file is replaced; got {str(path)!r}")
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise ValueError(f"path must name a file, not a folder; got {str(path)!r}")
    if info is not None and not stat.S_ISREG(info.st_mode):
        raise ValueError(f"path is not a regular file (a device or a pipe); got {str(path)!r}")
    if not path.parent.is_dir():
        raise ValueError(
            f"path must be in an existing folder ({str(path.parent)!r} does not exist); got {str(path)!r}"
        )
    return path


def write_atomically(path: str | Path, content: str | bytes, *, encoding: str = "utf-8") -> Path:
    """Write `content` to `path` whole or not at all, through a temporary file beside it.

    Parameters
    ----------
    path : str or Path
        The file to write; an existing one must be a regular file (not a link or a folder).
    content : str or bytes
        Text (written with `encoding`, newlines as given) or bytes.
    encoding : str, optional
        The text encoding.

    Returns
    -------
    Path
        The path written.

    Raises
    ------
    ValueError
        The target is not a regular file or its folder does not exist.
    OSError
        The folder cannot be written; the old file is left intact.
    """
    path = check_target(path)
    data = content.encode(encoding) if isinstance(content, str) else bytes(content)
    handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temp, _file_mode(path))
        check_target(path)  # the target may have changed while writing
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return path


def _file_mode(path: Path) -> int:
    """The mode for the new file: the old file's, or what the umask allows a new one."""
    try:
        return stat.S_IMODE(os.stat(path).st_mode)
    except FileNotFoundError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask
