import datetime
import io
import json
import sqlite3
import tarfile
import uuid
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from fazhi.areas.testing import build_world
from fazhi.core import backup
from fazhi.core.backup import BackupError, backup_create, backup_prune, backup_restore
from fazhi.core.models import AuditEntry, CalendarDay, DictionaryEntry

# Backups read committed data through their own connections (SQLite backup API, pg_dump), so these tests commit.
# available_apps = every app makes the flush afterwards use TRUNCATE … CASCADE on PostgreSQL, which the unused
# auditlog_logentry table needs (it references django_content_type).
pytestmark = pytest.mark.django_db(transaction=True, available_apps=list(settings.INSTALLED_APPS))

SECRET = "test-backup-secret"


@pytest.fixture
def filled(tmp_path):
    """The world, some core records (with their audit trail) and uploaded files, all committed."""
    ContentType.objects.clear_cache()  # an earlier transactional test may have flushed the content types
    world = build_world()
    for i in range(5):
        DictionaryEntry.objects.create(category="backup_test", code=f"c{i}", label=f"字典项{i}")
    CalendarDay.objects.create(date=datetime.date(2030, 10, 8), is_workday=False, name="测试假日")
    media = tmp_path / "media"
    (media / "documents" / "2026").mkdir(parents=True)
    (media / "documents" / "2026" / "规范性文件.pdf").write_bytes(b"%PDF-1.4 " + bytes(range(256)) * 40)
    (media / "photo.jpg").write_bytes(b"\xff\xd8\xff" + b"x" * 5000)
    return world, media


def _live_digests():
    if connection.vendor == "sqlite":
        conn = backup._sqlite_source("default")
        try:
            return backup.sqlite_table_digests(conn)
        finally:
            conn.close()
    with backup._pg_connect(backup._pg_params(connection.settings_dict)) as pg, pg.cursor() as cur:
        return backup.postgres_table_digests(cur)


@pytest.fixture
def fresh_target(tmp_path):
    """Where a fresh instance is rebuilt: a new SQLite file, or a new empty PostgreSQL database (dropped after)."""
    if connection.vendor == "sqlite":
        yield {"sqlite_path": tmp_path / "fresh" / "fazhi.sqlite3"}
        return
    import psycopg

    name = f"fazhi_restore_{uuid.uuid4().hex[:10]}"
    params = backup._pg_params(connection.settings_dict, "postgres")
    with psycopg.connect(**params, autocommit=True) as pg:
        pg.execute(f'CREATE DATABASE "{name}"')
    try:
        yield {"pg_dbname": name}
    finally:
        with psycopg.connect(**params, autocommit=True) as pg:
            pg.execute(f'DROP DATABASE IF EXISTS "{name}"')


def _restored_digests(target):
    if "sqlite_path" in target:
        conn = sqlite3.connect(target["sqlite_path"])
        try:
            return backup.sqlite_table_digests(conn)
        finally:
            conn.close()
    params = backup._pg_params(connection.settings_dict, target["pg_dbname"])
    with backup._pg_connect(params) as pg, pg.cursor() as cur:
        return backup.postgres_table_digests(cur)


def test_backup_round_trips_every_table_and_file_into_a_fresh_instance(filled, fresh_target, tmp_path):
    _world, media = filled
    result = backup_create(output_dir=tmp_path / "bk", secret=SECRET, media_root=media)
    assert result.path.name.startswith("fazhi-backup-") and result.path.suffix == ".fzb"
    assert result.path.stat().st_mode & 0o077 == 0  # only the platform's account may read it
    assert b"\xe8\xa7\x84\xe8\x8c\x83" not in result.path.read_bytes()  # "规范" never appears in clear

    manifest = result.manifest
    live = _live_digests()
    assert manifest["tables"] == live  # every table of the database, with its count and checksum
    for model in apps.get_models():
        if model._meta.db_table in live and not model._meta.proxy:
            assert manifest["tables"][model._meta.db_table]["rows"] == model.objects.count(), model
    assert manifest["tables"]["core_auditentry"]["rows"] == AuditEntry.objects.count() > 0
    assert set(manifest["media"]) == {"documents/2026/规范性文件.pdf", "photo.jpg"}

    restored_media = tmp_path / "fresh-media"
    backup_restore(archive=result.path, secret=SECRET, media_root=restored_media, **fresh_target)
    assert _restored_digests(fresh_target) == live
    for rel in manifest["media"]:
        assert (restored_media / rel).read_bytes() == (media / rel).read_bytes()


def test_a_wrong_key_or_a_changed_byte_is_refused_before_anything_is_restored(filled, tmp_path):
    _world, media = filled
    archive = backup_create(output_dir=tmp_path / "bk", secret=SECRET, media_root=media).path
    target = tmp_path / "fresh" / "fazhi.sqlite3"
    with pytest.raises(BackupError, match="备份密钥不正确"):
        backup_restore(archive=archive, secret="wrong", media_root=tmp_path / "m1", sqlite_path=target)
    data = bytearray(archive.read_bytes())
    data[len(data) // 2] ^= 0x01
    archive.write_bytes(bytes(data))
    with pytest.raises(BackupError, match="已损坏、被改动"):
        backup_restore(archive=archive, secret=SECRET, media_root=tmp_path / "m2", sqlite_path=target)
    assert not target.exists() and not (tmp_path / "m1").exists() and not (tmp_path / "m2").exists()


def _repack(archive: Path, tmp_path: Path, edit) -> Path:
    """Decrypt an archive, let ``edit`` change the unpacked tree, and encrypt it again with the right key."""
    work = tmp_path / "repack"
    work.mkdir()
    backup.decrypt_file(archive, work / "a.tar.gz", secret=SECRET)
    with tarfile.open(work / "a.tar.gz") as tar:
        tar.extractall(work / "tree", filter="data")
    edit(work / "tree")
    out = tmp_path / "edited.tar.gz"
    with tarfile.open(out, "w:gz") as tar:
        for path in sorted((work / "tree").rglob("*")):
            if path.is_file():
                tar.add(path, arcname=path.relative_to(work / "tree").as_posix())
    edited = tmp_path / "edited.fzb"
    backup.encrypt_file(out, edited, secret=SECRET)
    return edited


def test_restore_verifies_the_rows_against_the_manifest(filled, tmp_path):
    if connection.vendor != "sqlite":
        pytest.skip("edits the SQLite snapshot inside the archive")
    _world, media = filled
    archive = backup_create(output_dir=tmp_path / "bk", secret=SECRET, media_root=media).path

    def drop_a_row(tree: Path) -> None:
        db = tree / "database.sqlite3"
        conn = sqlite3.connect(db)
        conn.execute("DELETE FROM core_dictionaryentry WHERE code = 'c3'")
        conn.commit()
        conn.close()
        manifest = json.loads((tree / "manifest.json").read_text())
        manifest["database_sha256"] = backup.file_sha256(db)  # a forger who fixes the file checksum
        (tree / "manifest.json").write_text(json.dumps(manifest))

    edited = _repack(archive, tmp_path, drop_a_row)
    target = tmp_path / "fresh" / "fazhi.sqlite3"
    rows = DictionaryEntry.objects.count()  # the five above and the declared defaults every migrate seeds
    with pytest.raises(BackupError, match=f"core_dictionaryentry 行数不符：清单 {rows}，恢复后 {rows - 1}"):
        backup_restore(archive=edited, secret=SECRET, media_root=tmp_path / "m", sqlite_path=target)
    assert not target.exists() and not target.with_name("fazhi.sqlite3.restoring").exists()


def test_path_tricks_inside_an_archive_are_refused(tmp_path):
    evil = tmp_path / "evil.tar.gz"
    with tarfile.open(evil, "w:gz") as tar:
        info = tarfile.TarInfo("../../etc/cron.d/evil")
        payload = b"* * * * * root true\n"
        info.size = len(payload)
        tar.addfile(info, io.BytesIO(payload))
    archive = tmp_path / "evil.fzb"
    backup.encrypt_file(evil, archive, secret=SECRET)
    with pytest.raises(BackupError, match="不安全的条目"):
        backup_restore(archive=archive, secret=SECRET, media_root=tmp_path / "m", sqlite_path=tmp_path / "x.sqlite3")
    assert not (tmp_path.parent / "etc").exists()


def test_restore_refuses_a_target_that_already_holds_data(filled, tmp_path):
    if connection.vendor != "sqlite":
        pytest.skip("SQLite file target")
    _world, media = filled
    archive = backup_create(output_dir=tmp_path / "bk", secret=SECRET, media_root=media).path
    target = tmp_path / "busy.sqlite3"
    conn = sqlite3.connect(target)
    conn.execute("CREATE TABLE keep_me (x)")
    conn.execute("INSERT INTO keep_me VALUES (42)")
    conn.commit()
    conn.close()
    with pytest.raises(BackupError, match="已有数据；恢复只用于新建实例"):
        backup_restore(archive=archive, secret=SECRET, media_root=tmp_path / "m", sqlite_path=target)
    conn = sqlite3.connect(target)
    assert conn.execute("SELECT x FROM keep_me").fetchall() == [(42,)]
    conn.close()


def test_sm4_archives_round_trip(filled, tmp_path):
    _world, media = filled
    result = backup_create(output_dir=tmp_path / "bk", secret=SECRET, media_root=media, cipher="SM4-GCM")
    assert result.path.read_bytes()[len(backup.MAGIC)] == backup.CIPHER_IDS["SM4-GCM"]
    manifest = backup.archive_open(archive=result.path, secret=SECRET, workdir=tmp_path)
    assert manifest["tables"] == result.manifest["tables"]


def test_backup_command_prunes_to_the_newest_archives(filled, tmp_path, settings, capsys):
    _world, media = filled
    settings.MEDIA_ROOT = media
    out = tmp_path / "bk"
    for _i in range(3):
        call_command("backup", output_dir=str(out), keep=2)
    printed = capsys.readouterr().out
    assert printed.count("备份完成") == 3 and "已按保留策略删除旧备份" in printed
    assert len(list(out.glob("fazhi-backup-*.fzb"))) == 2
    assert backup_prune(output_dir=out, keep=1) and len(list(out.glob("*.fzb"))) == 1
    with pytest.raises(CommandError, match="找不到备份文件"):
        call_command("restore", str(out / "nope.fzb"))
