"""Uploaded files on the local disk, without the half-written file a full disk would leave behind."""

import os
import threading

from django.core.files.storage import FileSystemStorage as DjangoFileSystemStorage


class FileSystemStorage(DjangoFileSystemStorage):
    """Django's storage, except that a save that fails halfway (no space left) removes its partial file.

    The database row rolls back with its transaction, but Django leaves the bytes it managed to write: a file
    nobody references, taking the space that is already short. Django may pick another name during the save
    (when two uploads race for one), so the name last tried is tracked per thread.
    """

    _saving = threading.local()

    def get_available_name(self, name, max_length=None):
        name = super().get_available_name(name, max_length=max_length)
        self._saving.name = name
        return name

    def _save(self, name, content):
        self._saving.name = name
        try:
            return super()._save(name, content)
        except OSError as exc:
            if not isinstance(exc, FileExistsError):
                # The write began after an exclusive create (O_EXCL), so the file at this name is our own.
                try:
                    os.remove(self.path(self._saving.name))
                except FileNotFoundError:
                    pass
            raise
