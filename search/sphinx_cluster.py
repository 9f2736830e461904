"""A Sphinx/Manticore cluster for tracuu: configuration for N shards × M mirrors, local
``searchd`` processes for a try-out or the tests, and a health check of a running cluster.

Layout (why this shape): every ``searchd`` process (a *node*) holds one real-time index
``shard<k>`` and the distributed index ``tracuu``, whose ``agent`` lines name every shard with
its mirrors (``agent_persistent = a:9312|b:9312:shard0``, Sphinx 2.2 syntax, connections kept open; Manticore reads the same
file, or ``CREATE TABLE tracuu type='distributed' agent='a:9312|b:9312:shard0' …``), so any node
answers a search for the whole cluster and a mirror takes over when its twin is down. A node
listens for the agent protocol on its *API port* and for SphinxQL (MySQL protocol) on API port
+ 1: tracuu's writer finds each shard's SQL address that way from ``DESCRIBE tracuu`` (a
distributed index takes no inserts; documents go to ``shard<id mod N>`` on every mirror).

Nodes are stopped by the pid in their own pid file, never by name.
"""

from __future__ import annotations

import logging
import os
import shutil
import signal
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)

SEARCHD = "searchd"
DIST_INDEX = "tracuu"
#: ``keys``: the page's site and category keys as words (``site:`` inside an OR; sphinx_match)
TEXT_FIELDS = ("title_e", "title_f", "title_b", "body_e", "body_f", "body_b", "docnum", "keys")
#: how long a distributed search waits for a shard before answering without it (ms)
AGENT_QUERY_TIMEOUT_MS = 3000
AGENT_CONNECT_TIMEOUT_MS = 300


@dataclass
class Node:
    """One searchd process: shard number, mirror number, ports and its own directory."""

    shard: int
    mirror: int
    host: str
    api_port: int
    root: Path

    @property
    def sql_port(self) -> int:
        return self.api_port + 1

    @property
    def conf(self) -> Path:
        return self.root / "searchd.conf"

    @property
    def pid_file(self) -> Path:
        return self.root / "searchd.pid"

    @property
    def address(self) -> str:
        return f"{self.host}:{self.sql_port}"


def rt_index(name: str, path: Path) -> str:
    """The RT index block: tracuu's pre-analysed fields and the attributes filters use."""
    lines = [f"index {name}", "{", "    type = rt", f"    path = {path}"]
    lines += [f"    rt_field = {f}" for f in TEXT_FIELDS]
    # month: yyyymm in Vietnam time (0: undated), the trends' monthly buckets
    lines += ["    rt_attr_uint = year", "    rt_attr_uint = month", "    rt_attr_uint = listing", "    rt_attr_uint = docnum_n", "    rt_attr_bigint = published", "    rt_attr_bigint = indexed",
              "    rt_attr_multi = site_keys", "    rt_attr_multi = cat_keys",
              "    rt_attr_string = doc_key", "    rt_attr_string = hash", "    rt_attr_string = site",
              "    rt_attr_string = cats", "    rt_attr_string = doc", "    rt_attr_string = title_terms",
              "    dict = keywords", "    min_prefix_len = 1", "    index_field_lengths = 1",
              "    charset_table = 0..9, a..z, _", "    rt_mem_limit = 128M", "}"]
    return "\n".join(lines)


def dist_index(shards: list[list[Node]], query_timeout_ms: int = AGENT_QUERY_TIMEOUT_MS) -> str:
    lines = [f"index {DIST_INDEX}", "{", "    type = distributed"]
    for k, mirrors in enumerate(shards):
        # persistent: a search (each statement of a batch) reuses open connections to the
        # shards instead of connecting to every agent anew (searchd's persistent_connections_limit)
        lines.append("    agent_persistent = " + "|".join(f"{n.host}:{n.api_port}" for n in mirrors) + f":shard{k}")
    # a mirror that does not answer is retried on its twin, and skipped while it stays dead
    lines += ["    ha_strategy = noerrors",
              f"    agent_connect_timeout = {AGENT_CONNECT_TIMEOUT_MS}",
              f"    agent_query_timeout = {query_timeout_ms}", "}"]
    return "\n".join(lines)


def node_config(node: Node, shards: list[list[Node]], query_timeout_ms: int = AGENT_QUERY_TIMEOUT_MS) -> str:
    data = node.root / "data"
    searchd = "\n".join([
        "searchd", "{",
        f"    listen = {node.host}:{node.api_port}",
        f"    listen = {node.host}:{node.sql_port}:mysql41",
        f"    pid_file = {node.pid_file}", f"    log = {node.root / 'searchd.log'}",
        f"    query_log = {node.root / 'query.log'}", f"    binlog_path = {data}",
        "    workers = threads", "    read_timeout = 5", "    max_children = 64",
        "    persistent_connections_limit = 32",
        "    seamless_rotate = 0", "    unlink_old = 1", "}"])
    return "\n\n".join([rt_index(f"shard{node.shard}", data / f"shard{node.shard}"), dist_index(shards, query_timeout_ms),
                        searchd]) + "\n"


def free_ports(count: int, host: str = "127.0.0.1") -> list[int]:
    """``count`` API ports, each with the next port free too (SphinxQL listens on port + 1)."""
    out: list[int] = []
    while len(out) < count:
        with socket.socket() as s:
            s.bind((host, 0))
            port = s.getsockname()[1]
        if port + 1 > 65535 or port in out or port + 1 in out or port - 1 in out:
            continue
        with socket.socket() as s2:
            try:
                s2.bind((host, port + 1))
            except OSError:
                continue
        out.append(port)
    return out


def layout(base: Path, n_shards: int, n_mirrors: int = 1, host: str = "127.0.0.1",
           first_port: int | None = None) -> list[list[Node]]:
    """``shards[k][m]``: the nodes of N shards × M mirrors, ports consecutive pairs from
    ``first_port`` (or free ones), each node in ``base/shard<k>-<m>``."""
    count = n_shards * n_mirrors
    ports = ([first_port + 2 * i for i in range(count)] if first_port else free_ports(count, host))
    return [[Node(k, m, host, ports[k * n_mirrors + m], Path(base) / f"shard{k}-{m}") for m in range(n_mirrors)]
            for k in range(n_shards)]


def write_configs(shards: list[list[Node]], query_timeout_ms: int = AGENT_QUERY_TIMEOUT_MS) -> list[Node]:
    """Each node's ``searchd.conf``; ``query_timeout_ms``: how long a search waits for a shard
    before answering without it (the tests give a loaded machine more time; a dead node is
    refused at once whatever the value)."""
    nodes = [n for mirrors in shards for n in mirrors]
    for n in nodes:
        (n.root / "data").mkdir(parents=True, exist_ok=True)
        n.conf.write_text(node_config(n, shards, query_timeout_ms), encoding="utf-8")
    return nodes


def manticore_sql(shards: list[list[Node]]) -> str:
    """The same distributed index for Manticore's RT mode (``CREATE TABLE``)."""
    fields = ", ".join(f"{f} text indexed" for f in TEXT_FIELDS)
    table = (f"CREATE TABLE shard<k> ({fields}, year uint, month uint, listing uint, docnum_n uint, published bigint, indexed bigint, "
             "site_keys multi, cat_keys multi, doc_key string, hash string, site string, cats string, "
             "doc string, title_terms string) dict='keywords' min_prefix_len='1' index_field_lengths='1' "
             "charset_table='0..9, a..z, _';")
    agents = " ".join("agent='" + "|".join(f"{n.host}:{n.api_port}" for n in m) + f":shard{k}'"
                      for k, m in enumerate(shards))
    return (f"-- on each node, its own shard:\n{table}\n-- on any node:\nCREATE TABLE {DIST_INDEX} "
            f"type='distributed' {agents} agent_query_timeout='{AGENT_QUERY_TIMEOUT_MS}';\n")


def searchd_path() -> str | None:
    return shutil.which(SEARCHD) or (SEARCHD if os.path.exists(f"/usr/bin/{SEARCHD}") else None)


def _port_open(host: str, port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(0.2)
        return s.connect_ex((host, port)) == 0


def start(node: Node, timeout: float = 20.0) -> int:
    """Start ``searchd`` for one node (its own config, pid, log and data); returns its pid."""
    exe = searchd_path()
    if exe is None:
        raise RuntimeError("không tìm thấy searchd (apt-get install sphinxsearch) (searchd not found)")
    proc = subprocess.run([exe, "-c", str(node.conf)], capture_output=True, text=True, timeout=timeout)
    if proc.returncode != 0:
        raise RuntimeError(f"searchd {node.conf} không khởi động được: {proc.stdout[-500:]} {proc.stderr[-500:]}")
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if node.pid_file.exists() and _port_open(node.host, node.sql_port):
            pid_text = node.pid_file.read_text().strip()
            if pid_text:
                return int(pid_text)
        time.sleep(0.05)
    raise RuntimeError(f"searchd {node.conf} không mở cổng {node.sql_port} (did not start)")


def pid_of(node: Node) -> int | None:
    try:
        return int(node.pid_file.read_text().strip())
    except (OSError, ValueError):
        return None


def stop(node: Node, sig: int = signal.SIGTERM, timeout: float = 10.0) -> None:
    """Stop a node by the pid in its pid file (SIGKILL to simulate a crash)."""
    pid = pid_of(node)
    if pid is None:
        return
    try:
        os.kill(pid, sig)
    except ProcessLookupError:
        return
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.05)
    os.kill(pid, signal.SIGKILL)


def spec_for(shards: list[list[Node]]) -> str:
    """The ``--backend`` value naming every node as a head (any one answers for all)."""
    return "sphinxql://" + ",".join(n.address for m in shards for n in m)
