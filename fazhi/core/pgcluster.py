"""Private, throw-away PostgreSQL clusters for fault and replica tests and benchmarks.

The shared server on 5432 serves everyone else's tests, so anything that stops, kills or replicates a database
runs on a cluster of its own: initdb into a temporary folder, its own loopback port, torn down afterwards.
PostgreSQL refuses to run as root, so every binary runs as the `postgres` OS user when we are root.
"""

import glob
import os
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path


def _bin(name: str) -> str:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    if not found:
        raise FileNotFoundError(f"PostgreSQL binary {name} not found under /usr/lib/postgresql")
    return found[-1]


def _as_postgres(args: list[str], **kwargs) -> subprocess.CompletedProcess:
    prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    return subprocess.run([*prefix, *args], check=True, capture_output=True, text=True, **kwargs)


@dataclass
class Cluster:
    port: int
    datadir: Path
    log: Path = field(init=False)

    def __post_init__(self):
        self.log = self.datadir.parent / f"pg{self.port}.log"

    def url(self, db: str = "postgres") -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{db}"

    def start(self, *, timeout: float = 30) -> None:
        _as_postgres([_bin("pg_ctl"), "-D", str(self.datadir), "-l", str(self.log), "-o", f"-p {self.port}", "start"])
        self.wait_ready(timeout=timeout)

    def stop(self, *, mode: str = "fast") -> None:
        _as_postgres([_bin("pg_ctl"), "-D", str(self.datadir), "-m", mode, "-w", "stop"])

    def kill(self) -> None:
        """An immediate stop: no checkpoint, clients cut off — what a crash looks like to the application."""
        self.stop(mode="immediate")

    def is_running(self) -> bool:
        prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        done = subprocess.run([*prefix, _bin("pg_ctl"), "-D", str(self.datadir), "status"], capture_output=True)
        return done.returncode == 0

    def wait_ready(self, *, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            done = subprocess.run(
                [_bin("pg_isready"), "-h", "127.0.0.1", "-p", str(self.port), "-q"], capture_output=True
            )
            if done.returncode == 0:
                return
            time.sleep(0.2)
        raise TimeoutError(f"PostgreSQL on port {self.port} not ready after {timeout}s; see {self.log}")

    def sql(self, query: str, *, db: str = "postgres") -> str:
        done = subprocess.run(
            [_bin("psql"), "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "-d", db, "-Atc", query],
            check=True,
            capture_output=True,
            text=True,
        )
        return done.stdout.strip()


class ClusterSet:
    """A primary and, on request, its streaming hot-standby replica, all under one temporary folder."""

    def __init__(self, *, port: int = 25432):
        self.root = Path(tempfile.mkdtemp(prefix="fazhi-pg-"))
        os.chmod(self.root, 0o777)  # the postgres user writes its data folders and logs here
        self.port = port
        self.clusters: list[Cluster] = []

    def primary(self) -> Cluster:
        cluster = Cluster(self.port, self.root / "primary")
        _as_postgres(
            [_bin("initdb"), "-D", str(cluster.datadir), "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync"]
        )
        # A test cluster needs no durability beyond what the crash tests check at the application level,
        # but it must ship WAL to a replica; fsync stays on so a killed primary recovers like a real one.
        with open(cluster.datadir / "postgresql.conf", "a") as conf:
            conf.write(
                "listen_addresses = '127.0.0.1'\nunix_socket_directories = ''\nwal_level = replica\n"
                "max_wal_senders = 5\nhot_standby = on\nmax_connections = 200\nshared_buffers = 32MB\n"
            )
        with open(cluster.datadir / "pg_hba.conf", "w") as hba:
            hba.write("host all all 127.0.0.1/32 trust\nhost replication all 127.0.0.1/32 trust\n")
        cluster.start()
        self.clusters.append(cluster)
        return cluster

    def replica(self, primary: Cluster) -> Cluster:
        """A streaming replica: a base backup of the primary with standby.signal and primary_conninfo (-R)."""
        cluster = Cluster(primary.port + 1, self.root / "replica")
        _as_postgres(
            [
                _bin("pg_basebackup"),
                *("-h", "127.0.0.1", "-p", str(primary.port), "-U", "postgres"),
                *("-D", str(cluster.datadir), "-R", "-X", "stream", "--no-sync", "--checkpoint=fast"),
            ]
        )
        with open(cluster.datadir / "postgresql.conf", "a") as conf:
            conf.write(f"port = {cluster.port}\n")
        cluster.start()
        self.clusters.append(cluster)
        return cluster

    def teardown(self) -> None:
        for cluster in reversed(self.clusters):
            if cluster.is_running():
                cluster.stop(mode="immediate")
        shutil.rmtree(self.root, ignore_errors=True)
