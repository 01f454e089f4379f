"""Product photos: copied into a ``photos`` folder next to the shop database."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

from bazaar_pos.errors import UserError, ValidationError
from bazaar_pos.files import atomic_path, make_folder
from bazaar_pos.i18n import _

PHOTO_SUFFIXES = frozenset({".jpg", ".jpeg", ".png", ".webp", ".gif", ".bmp"})
MAX_PHOTO_BYTES = 20 * 1024 * 1024


class PhotoStore:
    """Keeps product photos in one folder; products store only the file name."""

    def __init__(self, folder: Path) -> None:
        """Keep photos in ``folder`` (made when the first photo arrives)."""
        self.folder = folder

    def path_of(self, name: str) -> Path | None:
        """The file of a stored photo, or None when there is none or it has gone missing."""
        if not name:
            return None
        path = self.folder / name
        return path if path.is_file() else None

    def add(self, source: Path, stem: str) -> str:
        """Copy ``source`` in as ``<stem>-<hash>.<ext>`` and return the new file name.

        Raises ValidationError when the file is missing, too big or not a photo.
        """
        source = Path(source)
        suffix = source.suffix.lower()
        if suffix not in PHOTO_SUFFIXES:
            raise ValidationError(
                _("The photo cannot be used."),
                [
                    _("{name} is not a photo (use JPG, PNG, WEBP, GIF or BMP).").format(
                        name=source.name
                    )
                ],
            )
        try:
            size = source.stat().st_size
            if size > MAX_PHOTO_BYTES:
                raise ValidationError(
                    _("The photo cannot be used."),
                    [_("{name} is bigger than 20 MB.").format(name=source.name)],
                )
            digest = hashlib.sha256(source.read_bytes()).hexdigest()[:10]
            name = f"{stem}-{digest}{suffix}"
            make_folder(self.folder)
            target = self.folder / name
            if not target.exists():
                with atomic_path(target) as partial:
                    shutil.copyfile(source, partial)
        except FileNotFoundError:
            raise ValidationError(
                _("The photo cannot be used."), [_("File not found: {path}").format(path=source)]
            ) from None
        except OSError as exc:
            raise UserError(
                _("Cannot copy the photo {path}: {reason}").format(path=source, reason=exc.strerror)
            ) from None
        return name

    def discard(self, name: str) -> None:
        """Remove a photo no product uses any more (quietly, if it is already gone)."""
        if name and "/" not in name and "\\" not in name:
            (self.folder / name).unlink(missing_ok=True)
