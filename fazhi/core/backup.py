"""Backups that restore (数据备份与恢复, GB/T 22239-2019 8.1.4.11 c/d): one encrypted, compressed archive per run.

Archive layout (``fazhi-backup-<UTC time>.fzb``)::

    MAGIC | cipher id (1 byte) | scrypt salt (16) | GCM nonce (12) | ciphertext … | GCM tag (16)

The plaintext is a tar.gz holding ``manifest.json``, the database (``database.sqlite3`` made with SQLite's online
backup API, or ``database.pgdump`` made by ``pg_dump`` from the same exported snapshot the manifest was counted in)
and ``media/…`` (MEDIA_ROOT). The manifest lists every table with its row count and a checksum of its rows, and every
file with its size and SHA-256; ``backup_restore`` checks all of them before it reports success.

The key is ``settings.BACKUP_KEY`` (env FAZHI_BACKUP_KEY), stretched with scrypt; the cipher is AES-256-GCM or
SM4-GCM (国密, ``settings.BACKUP_CIPHER``). GCM authenticates the whole archive: a wrong key or a changed byte is
refused before anything is restored.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt
from django.conf import settings
from django.db import connections
from django.utils.translation import gettext as _

MAGIC = b"FZHBAK1\n"
CIPHERS = {1: ("AES-256-GCM", algorithms.AES, 32), 2: ("SM4-GCM", algorithms.SM4, 16)}
CIPHER_IDS = {name: cid for cid, (name, _alg, _len) in CIPHERS.items()}
SALT_LEN, NONCE_LEN, TAG_LEN = 16, 12, 16
HEADER_LEN = len(MAGIC) + 1 + SALT_LEN + NONCE_LEN
CHUNK = 1024 * 1024
FORMAT_VERSION = 1
ARCHIVE_GLOB = "fazhi-backup-*.fzb"


class BackupError(Exception):
    """A backup or restore that cannot go on; the message is Chinese and meant for the operator."""


@dataclass(frozen=True)
class BackupResult:
    path: Path
    manifest: dict[str, Any]


# --- crypto -----------------------------------------------------------------------------------------------------


def _derive_key(secret: str, salt: bytes, length: int) -> bytes:
    if not secret:
        raise BackupError(_("未配置备份密钥（FAZHI_BACKUP_KEY）。"))
    return Scrypt(salt=salt, length=length, n=2**15, r=8, p=1).derive(secret.encode())


def encrypt_file(src: Path, dest: Path, *, secret: str, cipher: str = "AES-256-GCM") -> None:
    if cipher not in CIPHER_IDS:
        raise BackupError(_("不支持的备份加密算法：%(name)s") % {"name": cipher})
    cid = CIPHER_IDS[cipher]
    _name, algorithm, key_len = CIPHERS[cid]
    salt, nonce = os.urandom(SALT_LEN), os.urandom(NONCE_LEN)
    header = MAGIC + bytes([cid]) + salt + nonce
    encryptor = Cipher(algorithm(_derive_key(secret, salt, key_len)), modes.GCM(nonce)).encryptor()
    encryptor.authenticate_additional_data(header)
    fd = os.open(dest, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)  # readable by the platform's account only
    with src.open("rb") as fin, os.fdopen(fd, "wb") as fout:
        fout.write(header)
        while chunk := fin.read(CHUNK):
            fout.write(encryptor.update(chunk))
        fout.write(encryptor.finalize())
        fout.write(encryptor.tag)
        fout.flush()
        os.fsync(fout.fileno())


def decrypt_file(src: Path, dest: Path, *, secret: str) -> None:
    size = src.stat().st_size
    with src.open("rb") as fin:
        header = fin.read(HEADER_LEN)
        if len(header) < HEADER_LEN or not header.startswith(MAGIC) or size < HEADER_LEN + TAG_LEN:
            raise BackupError(_("这不是本平台的备份文件。"))
        cid = header[len(MAGIC)]
        if cid not in CIPHERS:
            raise BackupError(_("备份文件使用了未知的加密算法。"))
        _name, algorithm, key_len = CIPHERS[cid]
        salt = header[len(MAGIC) + 1 : len(MAGIC) + 1 + SALT_LEN]
        nonce = header[len(MAGIC) + 1 + SALT_LEN :]
        fin.seek(size - TAG_LEN)
        tag = fin.read(TAG_LEN)
        fin.seek(HEADER_LEN)
        decryptor = Cipher(algorithm(_derive_key(secret, salt, key_len)), modes.GCM(nonce, tag)).decryptor()
        decryptor.authenticate_additional_data(header)
        remaining = size - HEADER_LEN - TAG_LEN
        # The plaintext goes to a private temporary file and is used only after the tag has been checked.
        with dest.open("wb") as fout:
            while remaining > 0:
                chunk = fin.read(min(CHUNK, remaining))
                remaining -= len(chunk)
                fout.write(decryptor.update(chunk))
            try:
                fout.write(decryptor.finalize())
            except InvalidTag:
                raise BackupError(_("备份密钥不正确，或备份文件已损坏、被改动。")) from None


# --- checksums ------------------------------------------------------------------------------------------------------


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        while chunk := f.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def sqlite_table_digests(conn: sqlite3.Connection) -> dict[str, dict[str, Any]]:
    """Row count and a checksum of the rows (in a fixed order) of every table of a SQLite database."""
    tables = [
        row[0]
        for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
        )
    ]
    result = {}
    for table in tables:
        quoted = '"%s"' % table.replace('"', '""')
        ncols = len(conn.execute(f"PRAGMA table_info({quoted})").fetchall())
        order = ", ".join(str(i + 1) for i in range(ncols))
        digest, rows = hashlib.sha256(), 0
        for row in conn.execute(f"SELECT * FROM {quoted} ORDER BY {order}"):  # names come from sqlite_master
            digest.update(repr(row).encode())
            digest.update(b"\n")
            rows += 1
        result[table] = {"rows": rows, "checksum": digest.hexdigest()}
    return result


def postgres_table_digests(cursor: Any) -> dict[str, dict[str, Any]]:
    """The same for PostgreSQL, computed by the server over each row's text form (run in one snapshot)."""
    cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename")
    tables = [row[0] for row in cursor.fetchall()]
    result = {}
    for table in tables:
        quoted = '"%s"' % table.replace('"', '""')
        cursor.execute(
            f"SELECT count(*), md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) FROM {quoted} AS t"
        )
        rows, checksum = cursor.fetchone()
        result[table] = {"rows": rows, "checksum": checksum}
    return result


def media_digests(media_root: Path) -> dict[str, dict[str, Any]]:
    files = {}
    if media_root.is_dir():
        for path in sorted(media_root.rglob("*")):
            if path.is_file() and not path.is_symlink():
                rel = path.relative_to(media_root).as_posix()
                files[rel] = {"size": path.stat().st_size, "sha256": file_sha256(path)}
    return files


# --- database snapshots -------------------------------------------------------------------------------------------


def _sqlite_source(using: str) -> sqlite3.Connection:
    conn = connections[using]
    name = str(conn.settings_dict["NAME"])
    return sqlite3.connect(name, uri=name.startswith("file:"), timeout=30)


def _pg_params(settings_dict: dict[str, Any], dbname: str | None = None) -> dict[str, str]:
    params = {
        "dbname": dbname or settings_dict["NAME"],
        "user": settings_dict.get("USER") or "",
        "password": settings_dict.get("PASSWORD") or "",
        "host": settings_dict.get("HOST") or "",
        "port": str(settings_dict.get("PORT") or ""),
    }
    return {k: v for k, v in params.items() if v}


def _pg_tool_args(params: dict[str, str]) -> tuple[list[str], dict[str, str]]:
    args = []
    for key, flag in (("host", "-h"), ("port", "-p"), ("user", "-U")):
        if key in params:
            args += [flag, params[key]]
    env = dict(os.environ)
    if "password" in params:
        env["PGPASSWORD"] = params["password"]
    return args, env


@contextmanager
def _pg_connect(params: dict[str, str]):
    import psycopg

    with psycopg.connect(**params) as pg:
        with pg.cursor() as cur:
            cur.execute("SET TIME ZONE 'UTC'")
            cur.execute("SET extra_float_digits = 3")
        pg.commit()
        yield pg


def _dump_sqlite(using: str, dest: Path) -> dict[str, Any]:
    source = _sqlite_source(using)
    target = sqlite3.connect(dest)
    try:
        source.backup(target)  # SQLite online backup API: a consistent copy while the platform keeps running
        return sqlite_table_digests(target)
    finally:
        target.close()
        source.close()


def _dump_postgres(using: str, dest: Path) -> dict[str, Any]:
    params = _pg_params(connections[using].settings_dict)
    with _pg_connect(params) as pg, pg.cursor() as cur:
        # Count in a REPEATABLE READ snapshot and hand the same snapshot to pg_dump: the manifest describes
        # exactly the rows that are in the dump, however many writers are busy meanwhile.
        cur.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        cur.execute("SELECT pg_export_snapshot()")
        snapshot = cur.fetchone()[0]
        tables = postgres_table_digests(cur)
        args, env = _pg_tool_args(params)
        cmd = ["pg_dump", *args, "-Fc", "-Z0", "--no-owner", "--no-privileges", f"--snapshot={snapshot}"]
        cmd += ["-f", str(dest), params["dbname"]]
        done = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
        pg.rollback()
    if done.returncode != 0:
        raise BackupError(_("pg_dump 失败：%(err)s") % {"err": done.stderr.strip()})
    return tables


# --- backup -------------------------------------------------------------------------------------------------------


def backup_create(
    *,
    output_dir: Path,
    secret: str,
    media_root: Path,
    using: str = "default",
    cipher: str = "AES-256-GCM",
) -> BackupResult:
    """Write one archive of the database and MEDIA_ROOT into ``output_dir``; return its path and manifest."""
    if connections[using].in_atomic_block:
        raise BackupError(_("备份须在事务之外进行。"))
    vendor = connections[using].vendor
    if vendor not in ("sqlite", "postgresql"):
        raise BackupError(_("不支持的数据库：%(vendor)s") % {"vendor": vendor})
    output_dir.mkdir(parents=True, exist_ok=True)
    stamp = datetime.datetime.now(datetime.UTC)
    with tempfile.TemporaryDirectory(prefix="fazhi-backup-") as tmp:
        work = Path(tmp)
        db_name = "database.sqlite3" if vendor == "sqlite" else "database.pgdump"
        db_file = work / db_name
        tables = _dump_sqlite(using, db_file) if vendor == "sqlite" else _dump_postgres(using, db_file)
        media = media_digests(media_root)
        manifest = {
            "format": FORMAT_VERSION,
            "created_at": stamp.isoformat(),
            "vendor": vendor,
            "database_file": db_name,
            "database_sha256": file_sha256(db_file),
            "tables": tables,
            "media": media,
            "cipher": cipher,
        }
        (work / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True))
        plain = work / "archive.tar.gz"
        with tarfile.open(plain, "w:gz", compresslevel=6) as tar:
            tar.add(work / "manifest.json", arcname="manifest.json")
            tar.add(db_file, arcname=db_name)
            for rel in media:
                tar.add(media_root / rel, arcname=f"media/{rel}")
        name = f"fazhi-backup-{stamp:%Y%m%dT%H%M%S%fZ}.fzb"
        partial = output_dir / (name + ".part")
        encrypt_file(plain, partial, secret=secret, cipher=cipher)
        final = output_dir / name
        os.replace(partial, final)  # an interrupted run never leaves something that looks like a backup
    return BackupResult(final, manifest)


def backup_prune(*, output_dir: Path, keep: int) -> list[Path]:
    """Delete all but the newest ``keep`` archives in ``output_dir``; return what was removed."""
    archives = sorted(output_dir.glob(ARCHIVE_GLOB))
    doomed = archives[:-keep] if keep > 0 else []
    for path in doomed:
        path.unlink()
    return doomed


# --- restore ------------------------------------------------------------------------------------------------------


def _safe_member(member: tarfile.TarInfo) -> PurePosixPath:
    path = PurePosixPath(member.name)
    if path.is_absolute() or ".." in path.parts or not member.isfile():
        raise BackupError(_("备份文件含有不安全的条目：%(name)s") % {"name": member.name})
    return path


def archive_open(*, archive: Path, secret: str, workdir: Path) -> dict[str, Any]:
    """Decrypt and unpack ``archive`` into ``workdir``; check the database and file checksums; return the manifest."""
    plain = workdir / "archive.tar.gz"
    decrypt_file(archive, plain, secret=secret)
    unpacked = workdir / "unpacked"
    unpacked.mkdir()
    with tarfile.open(plain, "r:gz") as tar:
        for member in tar.getmembers():
            rel = _safe_member(member)
            target = unpacked.joinpath(*rel.parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            with tar.extractfile(member) as fin, target.open("wb") as fout:  # type: ignore[union-attr]
                shutil.copyfileobj(fin, fout, CHUNK)
    plain.unlink()
    try:
        manifest = json.loads((unpacked / "manifest.json").read_text())
    except (OSError, ValueError):
        raise BackupError(_("备份文件缺少清单（manifest.json）。")) from None
    if manifest.get("format") != FORMAT_VERSION:
        raise BackupError(_("备份格式版本不受支持。"))
    if file_sha256(unpacked / manifest["database_file"]) != manifest["database_sha256"]:
        raise BackupError(_("数据库文件校验和与清单不符。"))
    for rel, meta in manifest["media"].items():
        path = unpacked / "media" / rel
        if not path.is_file() or file_sha256(path) != meta["sha256"]:
            raise BackupError(_("附件 %(name)s 与清单不符。") % {"name": rel})
    return manifest


def compare_tables(expected: dict[str, Any], actual: dict[str, Any]) -> list[str]:
    """Chinese descriptions of every table whose rows differ from the manifest."""
    problems = []
    for table in sorted(set(expected) | set(actual)):
        if table not in actual:
            problems.append(_("缺少数据表 %(t)s") % {"t": table})
        elif table not in expected:
            problems.append(_("多出数据表 %(t)s") % {"t": table})
        elif expected[table]["rows"] != actual[table]["rows"]:
            problems.append(
                _("数据表 %(t)s 行数不符：清单 %(a)s，恢复后 %(b)s")
                % {"t": table, "a": expected[table]["rows"], "b": actual[table]["rows"]}
            )
        elif expected[table]["checksum"] != actual[table]["checksum"]:
            problems.append(_("数据表 %(t)s 内容校验和不符") % {"t": table})
    return problems


def _sqlite_has_tables(path: Path) -> bool:
    if not path.exists() or path.stat().st_size == 0:
        return False
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table'").fetchone()[0] > 0
    finally:
        conn.close()


def _restore_sqlite(source: Path, manifest: dict[str, Any], target: Path, *, force: bool) -> None:
    if _sqlite_has_tables(target) and not force:
        raise BackupError(
            _("目标数据库 %(path)s 已有数据；恢复只用于新建实例（确需覆盖请加 --force）。") % {"path": target}
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = target.with_name(target.name + ".restoring")
    shutil.copyfile(source, staging)
    conn = sqlite3.connect(staging)
    try:
        problems = compare_tables(manifest["tables"], sqlite_table_digests(conn))
    finally:
        conn.close()
    if problems:
        staging.unlink()
        raise BackupError(_("恢复校验失败：") + "；".join(problems))
    connections.close_all()
    for suffix in ("-wal", "-shm", "-journal"):  # a stale log of the old file must never be replayed onto the new
        Path(str(target) + suffix).unlink(missing_ok=True)
    os.replace(staging, target)


def _restore_postgres(source: Path, manifest: dict[str, Any], params: dict[str, str], *, force: bool) -> None:
    with _pg_connect(params) as pg, pg.cursor() as cur:
        cur.execute("SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()")
        if cur.fetchone()[0] and not force:
            raise BackupError(
                _("目标数据库 %(db)s 已有数据表；恢复只用于新建实例（确需覆盖请加 --force）。")
                % {"db": params["dbname"]}
            )
    args, env = _pg_tool_args(params)
    cmd = ["pg_restore", *args, "--no-owner", "--no-privileges", "--exit-on-error", "-d", params["dbname"]]
    cmd += ["--clean", "--if-exists"] if force else ["--single-transaction"]
    done = subprocess.run([*cmd, str(source)], env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise BackupError(_("pg_restore 失败：%(err)s") % {"err": done.stderr.strip()})
    with _pg_connect(params) as pg, pg.cursor() as cur:
        problems = compare_tables(manifest["tables"], postgres_table_digests(cur))
    if problems:
        raise BackupError(_("恢复校验失败：") + "；".join(problems))


def _restore_media(source_dir: Path, manifest: dict[str, Any], media_root: Path, *, force: bool) -> None:
    if media_root.is_dir() and any(p.is_file() for p in media_root.rglob("*")) and not force:
        raise BackupError(_("附件目录 %(path)s 不是空的（确需覆盖请加 --force）。") % {"path": media_root})
    for rel in manifest["media"]:
        target = media_root.joinpath(*PurePosixPath(rel).parts)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source_dir / rel, target)
    problems = [rel for rel, meta in manifest["media"].items() if file_sha256(media_root / rel) != meta["sha256"]]
    if problems:
        raise BackupError(_("附件恢复后校验失败：%(files)s") % {"files": "、".join(problems)})


def backup_restore(
    *,
    archive: Path,
    secret: str,
    media_root: Path,
    using: str = "default",
    sqlite_path: Path | None = None,
    pg_dbname: str | None = None,
    force: bool = False,
) -> dict[str, Any]:
    """Rebuild an instance from ``archive`` and verify it against the manifest; return the manifest.

    The target is the ``using`` database unless ``sqlite_path`` / ``pg_dbname`` name another one (a fresh instance).
    """
    settings_dict = connections[using].settings_dict
    with tempfile.TemporaryDirectory(prefix="fazhi-restore-") as tmp:
        workdir = Path(tmp)
        manifest = archive_open(archive=archive, secret=secret, workdir=workdir)
        unpacked = workdir / "unpacked"
        db_file = unpacked / manifest["database_file"]
        if manifest["vendor"] == "sqlite":
            target = sqlite_path or Path(str(settings_dict["NAME"]))
            if str(target).startswith("file:") or str(target) == ":memory:":
                raise BackupError(_("恢复目标须为数据库文件。"))
            _restore_sqlite(db_file, manifest, target, force=force)
        elif manifest["vendor"] == "postgresql":
            if settings_dict["ENGINE"] != "django.db.backends.postgresql" and not pg_dbname:
                raise BackupError(_("这是 PostgreSQL 的备份，请在 PostgreSQL 配置下恢复。"))
            _restore_postgres(db_file, manifest, _pg_params(settings_dict, pg_dbname), force=force)
        else:
            raise BackupError(_("不支持的数据库：%(vendor)s") % {"vendor": manifest["vendor"]})
        _restore_media(unpacked / "media", manifest, media_root, force=force)
    return manifest


def default_secret() -> str:
    return str(getattr(settings, "BACKUP_KEY", ""))
