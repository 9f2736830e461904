"""Real ``searchd`` clusters for the tests: N RT shards × M mirrors behind a distributed index on
free 127.0.0.1 ports, each process with its own config, pid, log and data under a temp dir,
stopped by pid. Skips when ``searchd`` is absent, except in CI (``TRACUU_REQUIRE_SPHINX=1``)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from search import sphinx_cluster as sc


def require_searchd() -> None:
    if sc.searchd_path() is None:
        if os.environ.get("TRACUU_REQUIRE_SPHINX") == "1":
            pytest.fail("searchd is missing but TRACUU_REQUIRE_SPHINX=1 (apt-get install sphinxsearch)")
        pytest.skip("searchd not installed (apt-get install sphinxsearch)")


class Cluster:
    """A running try-out cluster: ``spec`` for ``--backend``, ``nodes[k][m]``, ``clear()``."""

    def __init__(self, base: Path, shards: int = 2, mirrors: int = 1) -> None:
        require_searchd()
        try:
            import pymysql  # noqa: F401
        except ImportError:
            if os.environ.get("TRACUU_REQUIRE_SPHINX") == "1":
                pytest.fail("pymysql is missing (pip install -e '.[sphinxql]')")
            pytest.skip("pymysql not installed")
        self.nodes = sc.layout(base, shards, mirrors)
        self.started: list[sc.Node] = []
        try:
            # generous: on a loaded CI machine a slow shard must not make results "partial"
            for node in sc.write_configs(self.nodes, query_timeout_ms=20_000):
                sc.start(node)
                self.started.append(node)
        except Exception:
            self.stop()
            raise
        self.spec = sc.spec_for(self.nodes)

    def sql(self, node: sc.Node, statement: str) -> list[tuple]:
        import pymysql

        conn = pymysql.connect(host=node.host, port=node.sql_port, autocommit=True, charset="utf8")
        try:
            with conn.cursor() as cur:
                cur.execute(statement)
                return list(cur.fetchall())
        finally:
            conn.close()

    def clear(self) -> None:
        """Empty every shard (between test modules sharing one cluster)."""
        for mirrors in self.nodes:
            for node in mirrors:
                self.sql(node, f"TRUNCATE RTINDEX shard{node.shard}")

    def stop(self) -> None:
        for node in self.started:
            sc.stop(node)
        self.started = []


@pytest.fixture(scope="session")
def sphinx_cluster(tmp_path_factory):
    """One 2-shard cluster for the whole session; modules ``clear()`` it before loading."""
    cluster = Cluster(tmp_path_factory.mktemp("sphinx"), shards=2)
    yield cluster
    cluster.stop()
