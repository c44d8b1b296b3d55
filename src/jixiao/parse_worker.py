"""Reading an uploaded document in a child process with a memory and a time ceiling.

The readers are bounded (``core/limits.py``): what a file may unpack and build is checked before the
work. This is the second wall, for whatever a limit does not foresee: the document is read in a
forked child whose address space may grow by at most ``Ceiling.memory_mb`` (``RLIMIT_AS``) and which
is killed after ``Ceiling.seconds``. One hostile file then costs one child its ceiling, never the
server its memory; the request that sent it gets the one-line error ``文件超出限制：…`` and every
other request is answered meanwhile.
"""

from __future__ import annotations

import multiprocessing
import resource
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from jixiao.core.limits import DEFAULT, Limits
from jixiao.core.model import Document, ReadError

MB = 1024 * 1024


@dataclass(frozen=True)
class Ceiling:
    """What reading one document may cost: wall-clock seconds, and memory beyond what the server
    process already holds (MB)."""

    seconds: float = 120.0
    memory_mb: int = 512


def _address_space() -> int | None:
    """Bytes of virtual memory this process maps now (Linux), None where it cannot be told."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmSize:"):
                return int(line.split()[1]) * 1024
    except OSError:
        return None
    return None


def _cap_memory(extra_mb: int) -> None:
    """Let the address space grow by ``extra_mb`` from here: the forked child starts with the whole
    server mapped, so an absolute cap would be either useless or already exceeded."""
    now = _address_space()
    if now is None:
        return
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    soft = now + extra_mb * MB
    resource.setrlimit(resource.RLIMIT_AS, (soft if hard == resource.RLIM_INFINITY else min(soft, hard), hard))


def _child(conn, ceiling: Ceiling, read: Callable, args: tuple) -> None:
    try:
        _cap_memory(ceiling.memory_mb)
        outcome = ("ok", read(*args))
    except ReadError as e:
        outcome = ("refused", (e.message, e.file, e.line))
    except MemoryError:
        outcome = ("memory", None)
    except RecursionError:
        outcome = ("refused", ("文件超出限制：嵌套层数过多", None, None))
    try:
        conn.send(outcome)
    except MemoryError:  # the result itself does not fit under the ceiling
        conn.send(("memory", None))
    finally:
        conn.close()


def run_isolated(read: Callable, args: tuple, name: str, ceiling: Ceiling):
    """``read(*args)`` in a child process under ``ceiling``; its result, or the ReadError it raised,
    or a ReadError naming the ceiling it hit. ``name`` is the file named in the error."""
    context = multiprocessing.get_context("fork")  # the child shares the loaded code: no start-up cost
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(send, ceiling, read, args), daemon=True)
    child.start()
    send.close()
    try:
        if not receive.poll(ceiling.seconds):
            raise ReadError(f"文件超出限制：解析超时（超过 {ceiling.seconds:g} 秒），请拆分文件或删去无关内容后再上传", name)
        try:
            kind, value = receive.recv()
        except (EOFError, OSError):
            kind, value = "died", None
    finally:
        receive.close()
        if child.is_alive():
            child.kill()
        child.join()
    if kind == "ok":
        return value
    if kind == "refused":
        raise ReadError(*value) if value[1] else ReadError(value[0], name)
    if kind == "memory":
        raise ReadError(f"文件超出限制：解析所需内存超过 {ceiling.memory_mb} MB，请拆分文件或删去无关内容后再上传", name)
    raise ReadError(f"文件超出限制：解析进程异常退出（退出码 {child.exitcode}），请检查文件是否完好", name)


def read_upload_isolated(data: bytes, name: str, limits: Limits = DEFAULT, ceiling: Ceiling = Ceiling()) -> Document:
    """``core.io.read_upload`` in a child process under ``ceiling``."""
    from jixiao.core.io import read_upload

    return run_isolated(read_upload, (data, name, limits), name, ceiling)
