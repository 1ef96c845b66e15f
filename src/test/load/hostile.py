#!/usr/bin/env python3
"""Replays hostile request shapes against a running playground on loopback and reports what it answered.

    python3 src/test/load/hostile.py [--base http://127.0.0.1:8080] [--quick]

Start the service first (the packaged jar: java -jar target/quarkus-app/quarkus-run.jar). Traffic goes
to --base only, which must be a loopback address (127.0.0.0/8, ::1 or localhost); anything else is
refused. Python 3.11+, standard library only. A full run takes about 1-2 minutes against a healthy
service, --quick about 30 s; every loop is bounded in count and time, every request has a timeout
(--timeout) and the whole run a time cap (--time-cap).

Phases (each shape is one row of the table):
  1  bodies just under the body limit (maxBodyBytes from GET /api/limits): ~21,000 empty strategy ids,
     8,000 x "a", long lists of unknown ids, of out-of-range and of duplicate thread counts, duplicate
     strategies, deeply nested arrays and objects in "name", a 65,000-digit thread count, a 65,000-char
     name, a body one byte over the limit, a chunked body over the limit, a 100 KB URL and a 100 KB
     header. Expected: a small problem+json 400/413 (414/431 for the URL and header), quickly.
  2  names: lone surrogate (JSON escape), NUL, bidi override U+202E and 101 emoji must be 400; 100 emoji
     are 100 characters and must be accepted (202) and read back unchanged.
  3  a blocker keeps the runner busy; each round queues a tiny experiment and races DELETE x3, GET and
     an SSE follower on it. Only 200/204/404; an SSE stream answered 200 must end with an `end` event.
  4  Prefer: wait=1 on a ~5 s experiment (202), then DELETE: 200 with status CANCELLED; a waiting client
     that gives up after 1 s, then DELETE: 200 with status CANCELLED.
  5  submission flood: 5 keep-alive clients POST tiny experiments for 10 s (3 s with --quick): only
     202 and 429 (with Retry-After).
  6  slow headers: 50 sockets send half a request line or header and trickle a byte every 2 s; reports
     how many the server closed and after how long (informational; the probe must stay fast).
  7  malformed Prefer: wait values, malformed Content-Length, odd status/limit query parameters and ids.

Throughout, a probe process GETs /api/strategies every 20 ms on a new connection and records its
latency, so a stalled event loop or worker pool shows as a slow probe.

Every answer is checked: a 5xx, an error status without Content-Type application/problem+json, an
error body over --max-error-bytes, no answer at all, or a status outside the shape's expected set is a
finding; so is a hostile-body answer slower than --max-hostile-ms and a probe slower than
--max-probe-ms. The report is a Markdown table plus a final `VERDICT:` line; the exit status is 0 when
nothing was found, 1 when something was, 2 when the run could not start.

Experiments this script creates are tiny (atomic, 1 thread, 1000 increments, 1 trial, no warm-up) or
fixed-time blockers it cancels; it DELETEs what it creates (of the flood, the last 1000).
"""

import argparse
import collections
import http.client
import ipaddress
import json
import multiprocessing
import os
import random
import select
import socket
import sys
import threading
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor

TINY_FIELDS = '"threadCounts":[1],"incrementsPerThread":1000,"trials":1,"warmupTrials":0'
TINY = '{"strategies":["atomic"],' + TINY_FIELDS + '}'
PROBLEM = "application/problem+json"
READ_CAP = 16 * 1024 * 1024  # bytes of an answer we read at most; the size reported is then ">="
KEEP = 64 * 1024  # bytes of an answer we keep, to parse and to quote


# ----------------------------------------------------------------------------------------------- HTTP

class Answer:
    __slots__ = ("status", "ms", "ctype", "size", "body", "headers", "error", "t0")

    def __init__(self, status, ms, ctype=None, size=0, body=b"", headers=None, error=None, t0=0.0):
        self.status = status  # int, or "timeout" / "no-answer"
        self.ms = ms
        self.ctype = ctype
        self.size = size
        self.body = body
        self.headers = headers or {}
        self.error = error
        self.t0 = t0

    def json(self):
        try:
            return json.loads(self.body.decode("utf-8"))
        except (ValueError, UnicodeDecodeError):
            return None


class Target:
    def __init__(self, base):
        parts = urllib.parse.urlsplit(base)
        if parts.scheme != "http" or not parts.hostname:
            raise ValueError(f"{base}: only http://<loopback>[:port] is supported")
        self.host = parts.hostname
        self.port = parts.port or 80
        self.prefix = parts.path.rstrip("/")
        if self.host.lower() == "localhost":
            # Resolved locally (/etc/hosts); any other name is refused without a look-up.
            addresses = {info[4][0] for info in socket.getaddrinfo(self.host, self.port, type=socket.SOCK_STREAM)}
        else:
            addresses = {self.host}
        try:
            loopback = bool(addresses) and all(ipaddress.ip_address(a.split("%")[0]).is_loopback for a in addresses)
        except ValueError:
            loopback = False
        if not loopback:
            raise ValueError(f"{base}: only loopback addresses (127.0.0.0/8, ::1, localhost) are allowed")
        self.hostport = f"[{self.host}]:{self.port}" if ":" in self.host else f"{self.host}:{self.port}"


def build_request(target, method, path, headers=(), body=None, close=True):
    lines = [f"{method} {target.prefix}{path} HTTP/1.1", f"Host: {target.hostport}"]
    names = {k.lower() for k, _ in headers}
    lines += [f"{k}: {v}" for k, v in headers]
    if body is not None and "content-length" not in names and "transfer-encoding" not in names:
        lines.append(f"Content-Length: {len(body)}")
    if close:
        lines.append("Connection: close")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + (body or b"")


def read_body(resp, deadline):
    kept, size = [], 0
    while size < READ_CAP:
        if time.monotonic() > deadline:
            raise socket.timeout("answer still arriving at the deadline")
        chunk = resp.read1(65536) if hasattr(resp, "read1") else resp.read(65536)
        if not chunk:
            break
        size += len(chunk)
        if sum(map(len, kept)) < KEEP:
            kept.append(chunk)
    return b"".join(kept)[:KEEP], size


def exchange(target, method, path, headers=(), body=None, timeout=10.0, raw=None):
    """One request on a new connection; never raises, never takes much longer than `timeout`."""
    t0 = time.monotonic()
    deadline = t0 + timeout
    sock = None
    try:
        sock = socket.create_connection((target.host, target.port), timeout=timeout)
        payload = raw if raw is not None else build_request(target, method, path, headers, body)
        try:
            sock.sendall(payload)
        except OSError:
            pass  # the server may answer and close before reading everything; read what it said
        resp = http.client.HTTPResponse(sock, method=method)
        resp.begin()
        body_kept, size = read_body(resp, deadline)
        length = resp.getheader("Content-Length")
        if length and length.isdigit():
            size = max(size, int(length))
        hdrs = {k.lower(): v for k, v in resp.getheaders()}
        return Answer(resp.status, (time.monotonic() - t0) * 1000, hdrs.get("content-type"), size, body_kept,
                      hdrs, t0=t0)
    except (socket.timeout, TimeoutError) as e:
        return Answer("timeout", (time.monotonic() - t0) * 1000, error=str(e) or "timed out", t0=t0)
    except (OSError, http.client.HTTPException) as e:
        return Answer("no-answer", (time.monotonic() - t0) * 1000, error=f"{type(e).__name__}: {e}", t0=t0)
    finally:
        if sock is not None:
            try:
                sock.close()
            except OSError:
                pass


def keepalive_request(conn, method, path, body=None, headers=None):
    t0 = time.monotonic()
    try:
        conn.request(method, path, body=body, headers=headers or {})
        resp = conn.getresponse()
        data = resp.read()
        hdrs = {k.lower(): v for k, v in resp.getheaders()}
        if resp.will_close:
            conn.close()
        return Answer(resp.status, (time.monotonic() - t0) * 1000, hdrs.get("content-type"), len(data),
                      data[:KEEP], hdrs, t0=t0)
    except (socket.timeout, TimeoutError) as e:
        conn.close()
        return Answer("timeout", (time.monotonic() - t0) * 1000, error=str(e) or "timed out", t0=t0)
    except (OSError, http.client.HTTPException) as e:
        conn.close()
        return Answer("no-answer", (time.monotonic() - t0) * 1000, error=f"{type(e).__name__}: {e}", t0=t0)


def sse_follow(target, path, timeout):
    """Follows an event stream until it closes or `timeout` passes. Returns (Answer, saw_end, ended)."""
    t0 = time.monotonic()
    deadline = t0 + timeout
    sock = None
    try:
        sock = socket.create_connection((target.host, target.port), timeout=timeout)
        sock.sendall(build_request(target, "GET", path, [("Accept", "text/event-stream")]))
        resp = http.client.HTTPResponse(sock, method="GET")
        resp.begin()
        hdrs = {k.lower(): v for k, v in resp.getheaders()}
        data, size, ended = b"", 0, False
        while time.monotonic() < deadline:
            sock.settimeout(max(0.05, deadline - time.monotonic()))
            try:
                chunk = resp.read1(65536)
            except (socket.timeout, TimeoutError):
                break
            if not chunk:
                ended = True
                break
            size += len(chunk)
            if len(data) < 4 * KEEP:
                data += chunk
        text = data.replace(b"\r\n", b"\n")
        saw_end = b"\nevent: end\n" in b"\n" + text or b"\nevent:end\n" in b"\n" + text
        return (Answer(resp.status, (time.monotonic() - t0) * 1000, hdrs.get("content-type"), size, data[:KEEP],
                       hdrs, t0=t0), saw_end, ended)
    except (socket.timeout, TimeoutError) as e:
        return Answer("timeout", (time.monotonic() - t0) * 1000, error=str(e), t0=t0), False, False
    except (OSError, http.client.HTTPException) as e:
        return Answer("no-answer", (time.monotonic() - t0) * 1000, error=f"{type(e).__name__}: {e}", t0=t0), \
            False, False
    finally:
        if sock is not None:
            sock.close()


# ---------------------------------------------------------------------------------------------- probe

def probe_main(host, port, prefix, interval, timeout, max_seconds, stop, out):
    """Child process: GET /api/strategies on a new connection every `interval` s; sends back the samples."""
    request = (f"GET {prefix}/api/strategies HTTP/1.1\r\nHost: {host}:{port}\r\n"
               f"Accept: application/json\r\nConnection: close\r\n\r\n").encode()
    samples = []
    end = time.monotonic() + max_seconds
    while not stop.is_set() and time.monotonic() < end and len(samples) < 100_000:
        t0 = time.monotonic()
        status = "no-answer"
        try:
            with socket.create_connection((host, port), timeout=timeout) as s:
                s.sendall(request)
                head = b""
                while True:
                    if time.monotonic() - t0 > timeout:
                        raise socket.timeout()
                    chunk = s.recv(65536)
                    if not chunk:
                        break
                    if len(head) < 16:
                        head += chunk
            parts = head.split(b" ", 2)
            status = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else "no-answer"
        except (socket.timeout, TimeoutError):
            status = "timeout"
        except OSError:
            status = "no-answer"
        samples.append((t0, (time.monotonic() - t0) * 1000, status))
        stop.wait(max(0.0, t0 + interval - time.monotonic()))
    out.put(samples)


# ---------------------------------------------------------------------------------------- bookkeeping

def pct(values, p):
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, int(-(-p * len(ordered) // 100)) - 1))]


def fmt_ms(v):
    if v is None:
        return "—"
    return f"{v:,.0f}" if v >= 100 else f"{v:.1f}"


def fmt_bytes(n):
    if n >= 1024 * 1024:
        return f"{n / 1024 / 1024:.1f} MiB"
    if n >= 1024:
        return f"{n / 1024:.1f} KiB"
    return f"{n} B"


class Shape:
    def __init__(self, run, phase, name, expected=None, hostile=False, no_answer_ok=False):
        self.run, self.phase, self.name = run, phase, name
        self.expected = set(expected) if expected is not None else None
        self.hostile = hostile
        self.no_answer_ok = no_answer_ok
        self.answers = []
        self.findings = collections.Counter()  # category -> count
        self.examples = []  # (category, text)
        self.notes = []  # informational
        self.windows = []
        self.status_text = None  # overrides the status-code column (slow headers)
        self.latencies_override = None
        self.lock = threading.Lock()
        run.shapes.append(self)

    def active(self):
        shape = self

        class Window:
            def __enter__(self):
                self.t0 = time.monotonic()

            def __exit__(self, *exc):
                with shape.lock:
                    shape.windows.append((self.t0, time.monotonic()))
        return Window()

    def finding(self, category, text=None):
        with self.lock:
            self.findings[category] += 1
            if text and not any(c == category for c, _ in self.examples):
                self.examples.append((category, text))

    def record(self, a, expected=None, what=None):
        cfg = self.run.cfg
        with self.lock:
            self.answers.append(a)
        desc = (f"`{what}` → " if what else "") + describe(a)
        expected = set(expected) if expected is not None else self.expected
        if isinstance(a.status, int):
            if a.status >= 500:
                self.finding("5xx", desc)
            if a.status >= 400:
                if not (a.ctype or "").lower().startswith(PROBLEM):
                    self.finding("error not problem+json", desc)
                if a.size > cfg.max_error_bytes:
                    self.finding(f"error body > {fmt_bytes(cfg.max_error_bytes)}", desc)
        elif not self.no_answer_ok:
            self.finding("no answer", desc)
        comparable = (isinstance(a.status, int) and a.status < 500) or (self.no_answer_ok and not isinstance(a.status, int))
        if expected is not None and comparable and a.status not in expected:
            self.finding("unexpected status", f"expected {'/'.join(map(str, sorted(expected, key=str)))}: {desc}")
        if self.hostile and a.ms > cfg.max_hostile_ms:
            self.finding(f"answer > {cfg.max_hostile_ms:g} ms", desc)
        return a


def describe(a):
    if not isinstance(a.status, int):
        return f"{a.status} after {fmt_ms(a.ms)} ms ({a.error})"
    body = a.body[:160].decode("utf-8", "replace").replace("\n", " ").replace("|", "\\|")
    return (f"{a.status}, {a.ctype or 'no Content-Type'}, {fmt_bytes(a.size)}, {fmt_ms(a.ms)} ms"
            + (f": `{body}`" if body else ", empty body"))


class Run:
    def __init__(self, cfg, target):
        self.cfg, self.target = cfg, target
        self.shapes = []
        self.phases = []  # (label, t0, t1)
        self.started = time.monotonic()
        self.deadline = self.started + cfg.time_cap
        self.skipped = []
        self.created = []  # ids to delete at the end of their phase
        self.created_lock = threading.Lock()
        self.setup = None

    def left(self):
        return self.deadline - time.monotonic()

    def timeout(self, cap=None):
        t = min(self.cfg.timeout, cap if cap is not None else self.cfg.timeout)
        return max(1.0, min(t, self.left() + 5))

    def req(self, shape, method, path, headers=(), body=None, timeout=None, raw=None, expected=None, what=None):
        a = exchange(self.target, method, path, headers, body, self.timeout(timeout), raw)
        if what is None and not (method == "POST" and path == "/api/experiments"):
            what = f"{method} {path if len(path) <= 60 else path[:40] + f'... ({len(path):,} chars)'}"
        return shape.record(a, expected, what) if shape is not None else a

    def remember(self, a):
        loc = a.headers.get("location") if isinstance(a.status, int) else None
        if loc:
            with self.created_lock:
                self.created.append(loc.rstrip("/").rsplit("/", 1)[-1])
            return loc.rstrip("/").rsplit("/", 1)[-1]
        return None

    def post(self, shape, body, headers=(), expected=None, timeout=None, what=None):
        if isinstance(body, str):
            body = body.encode("utf-8")
        a = self.req(shape, "POST", "/api/experiments", [("Content-Type", "application/json")] + list(headers),
                     body, timeout=timeout, expected=expected, what=what)
        return a, self.remember(a)

    def cleanup(self, ids=None, threads=1):
        """DELETEs experiments until they are gone (a queued or running one is cancelled first)."""
        if ids is None:
            with self.created_lock:
                ids, self.created = self.created, []
        pending = list(dict.fromkeys(ids))
        for attempt in range(4):
            if not pending or self.left() < 3:
                break
            if attempt:
                time.sleep(0.5)
            again = []

            def one(i):
                a = self.req(self.setup, "DELETE", f"/api/experiments/{i}", timeout=15,
                             what=f"cleanup DELETE /api/experiments/{i}")
                if a.status in (200, 202):
                    again.append(i)
            if threads > 1:
                with ThreadPoolExecutor(threads) as pool:
                    list(pool.map(one, pending))
            else:
                for i in pending:
                    one(i)
            pending = again


# --------------------------------------------------------------------------------------------- phases

def settle(run, shape=None, after=None):
    """Waits until 8 GETs in a row on new connections (so on every event loop) answer within 250 ms.

    A hostile request that timed out may still be burning a server thread; the next shape must not be
    measured against that. Bounded by --recovery-wait. Notes on `shape` how long it took."""
    t0 = time.monotonic()
    streak = 0
    while streak < 8:
        if time.monotonic() - t0 > run.cfg.recovery_wait or run.left() < 5:
            if shape is not None:
                shape.notes.append(f"service still slow {time.monotonic() - t0:.0f} s after {after or 'it'}")
            return None
        a = exchange(run.target, "GET", "/api/strategies", timeout=2)
        if a.status == 200 and a.ms < 250:
            streak += 1
        else:
            streak = 0
            time.sleep(0.5)
    waited = time.monotonic() - t0
    if shape is not None and waited > 1:
        shape.notes.append(f"service answered promptly again {waited:.0f} s after {after or 'it'}")
    return waited


def fill(prefix, item, suffix, budget):
    """prefix + item(0),item(1),... + suffix, as many items as keep the whole within `budget` bytes."""
    parts, size, i = [], len(prefix) + len(suffix), 0
    while True:
        it = item(i)
        add = len(it) + (1 if parts else 0)
        if size + add > budget:
            break
        parts.append(it)
        size += add
        i += 1
    return prefix + ",".join(parts) + suffix, i


def body_shapes(budget):
    """(label, body) pairs, each body at most `budget` bytes."""
    shapes = []
    body, n = fill('{"strategies":[', lambda i: '""', '],' + TINY_FIELDS + '}', budget)
    shapes.append((f"strategies: {n:,} empty strings", body))
    body, n = fill('{"strategies":[', lambda i: '"a"', '],' + TINY_FIELDS + '}',
                   min(budget, len('{"strategies":[],' + TINY_FIELDS + '}') + 8000 * 4 - 1))
    shapes.append((f'strategies: {n:,} x "a"', body))
    body, n = fill('{"strategies":[', lambda i: f'"no-such-{i}"', '],' + TINY_FIELDS + '}', budget)
    shapes.append((f"strategies: {n:,} distinct unknown ids", body))
    cycle = ["0", "100000000", "-1"]
    body, n = fill('{"strategies":["atomic"],"threadCounts":[', lambda i: cycle[i % 3],
                   '],"incrementsPerThread":1000,"trials":1,"warmupTrials":0}', budget)
    shapes.append((f"threadCounts: {n:,} x 0/100000000/-1", body))
    body, n = fill('{"strategies":[', lambda i: '"atomic"', '],' + TINY_FIELDS + '}', budget)
    shapes.append((f'strategies: {n:,} x "atomic" (duplicates)', body))
    body, n = fill('{"strategies":["atomic"],"threadCounts":[', lambda i: "1",
                   '],"incrementsPerThread":1000,"trials":1,"warmupTrials":0}', budget)
    shapes.append((f"threadCounts: {n:,} x 1 (duplicates)", body))
    rest = ',"strategies":["atomic"],' + TINY_FIELDS + '}'
    depth = (budget - len('{"name":') - len(rest)) // 2
    shapes.append((f'name: {depth:,} nested arrays', '{"name":' + "[" * depth + "]" * depth + rest))
    depth = (budget - len('{"name":') - len(rest) - 1) // 6
    shapes.append((f'name: {depth:,} nested objects',
                   '{"name":' + '{"a":' * depth + "1" + "}" * depth + rest))
    digits = budget - len('{"strategies":["atomic"],"threadCounts":[],"incrementsPerThread":1000,"trials":1}')
    shapes.append((f"threadCounts: one {digits:,}-digit number",
                   '{"strategies":["atomic"],"threadCounts":[' + "9" * digits
                   + '],"incrementsPerThread":1000,"trials":1}'))
    length = budget - len('{"name":""' + rest)
    shapes.append((f'name: {length:,} x "a"', '{"name":"' + "a" * length + '"' + rest))
    return shapes


def phase1(run):
    cfg, limit = run.cfg, run.max_body
    reps = 1 if cfg.quick else 3
    slow_stop = max(1000.0, 10 * cfg.max_hostile_ms)
    for label, body in body_shapes(limit - 64):
        shape = Shape(run, 1, label, expected={400, 413}, hostile=True)
        with shape.active():
            for _ in range(reps):
                if run.left() < 5:
                    break
                a, created = run.post(shape, body)
                if a.ms > slow_stop:
                    shape.notes.append(f"not repeated after a {fmt_ms(a.ms)} ms {'timeout' if a.status == 'timeout' else 'answer'}")
                    settle(run, shape, "the client gave up" if a.status == "timeout" else "it answered")
                    break
    over = ('{"name":"' + "a" * limit + '",' + TINY[1:]).encode()
    shape = Shape(run, 1, f"body of {len(over):,} bytes (over the limit), Content-Length", expected={413},
                  hostile=True)
    with shape.active():
        for _ in range(reps):
            run.post(shape, over)
    shape = Shape(run, 1, f"body of {len(over):,} bytes (over the limit), chunked", expected={400, 413},
                  hostile=True)
    chunked = b"".join(b"%x\r\n%s\r\n" % (len(over[i:i + 8192]), over[i:i + 8192])
                       for i in range(0, len(over), 8192)) + b"0\r\n\r\n"
    with shape.active():
        for _ in range(reps):
            a = run.req(shape, "POST", "/api/experiments", [("Content-Type", "application/json"),
                                                            ("Transfer-Encoding", "chunked")], chunked)
            run.remember(a)
            if a.status == 400 and not shape.notes:
                shape.notes.append("parsed past the limit (no Content-Length to check)")
    shape = Shape(run, 1, "URL of 100 KB", expected={414}, hostile=True)
    with shape.active():
        for _ in range(reps):
            run.req(shape, "GET", "/api/experiments/" + "a" * 100_000)
    shape = Shape(run, 1, "header of 100 KB", expected={431}, hostile=True)
    with shape.active():
        for _ in range(reps):
            run.req(shape, "GET", "/api/strategies", [("X-Filler", "a" * 100_000)])
    run.cleanup()


def phase2(run):
    reps = 1 if run.cfg.quick else 3
    rest = ',"strategies":["atomic"],' + TINY_FIELDS + '}'
    cases = [
        ('name "a\\ud800b" (lone surrogate escape)', '"a\\ud800b"', {400}, None),
        ('name "a\\u0000b" (NUL escape)', '"a\\u0000b"', {400}, None),
        ("name with U+202E (bidi override, raw UTF-8)", '"abc\u202edef"', {400}, None),
        ("name of 100 emoji (100 characters)", '"' + "\U0001F600" * 100 + '"', {202}, "\U0001F600" * 100),
        ("name of 101 emoji", '"' + "\U0001F600" * 101 + '"', {400}, None),
    ]
    for label, name, expected, echo in cases:
        shape = Shape(run, 2, label, expected=expected, hostile=True)
        with shape.active():
            for _ in range(reps):
                if run.left() < 5:
                    break
                a, created = run.post(shape, '{"name":' + name + rest)
                if created and echo is not None:
                    got = run.req(run.setup, "GET", f"/api/experiments/{created}").json()
                    if not isinstance(got, dict) or got.get("name") != echo:
                        shown = got.get("name") if isinstance(got, dict) else got
                        shape.finding("name not read back unchanged", f"read back {shown!r:.80}")
    run.cleanup()


def phase3(run):
    cfg = run.cfg
    rounds = 30 if cfg.quick else 100
    budget = time.monotonic() + (8 if cfg.quick else 30)
    post = Shape(run, 3, "queue a tiny target behind a blocker", expected={202})
    deletes = Shape(run, 3, "DELETE x3 at once on the queued target", expected={200, 204, 404})
    gets = Shape(run, 3, "GET alongside the DELETEs", expected={200, 404})
    sse = Shape(run, 3, "SSE follower alongside the DELETEs", expected={200, 404})
    with post.active(), deletes.active(), gets.active(), sse.active():
        blocker_body = ('{"name":"hostile-blocker","strategies":["atomic"],"threadCounts":[1],"durationMillis":200,'
                        '"trials":100,"warmupTrials":0}')
        _, blocker = run.post(run.setup, blocker_body, expected={202}, what="POST the blocker")
        done = 0
        with ThreadPoolExecutor(5) as pool:
            for i in range(rounds):
                if time.monotonic() > budget or run.left() < 10:
                    post.notes.append(f"stopped after {i} rounds (time budget)")
                    break
                a, target = run.post(post, '{"name":"hostile-race-%d",' % i + TINY[1:])
                if not target:
                    continue
                barrier = threading.Barrier(5, timeout=10)

                def delete():
                    barrier.wait()
                    deletes.record(exchange(run.target, "DELETE", f"/api/experiments/{target}", timeout=run.timeout(15)),
                                   what=f"DELETE /api/experiments/{target}")

                def get():
                    barrier.wait()
                    gets.record(exchange(run.target, "GET", f"/api/experiments/{target}", timeout=run.timeout(15)))

                def follow():
                    barrier.wait()
                    ans, saw_end, ended = sse_follow(run.target, f"/api/experiments/{target}/events", 5.0)
                    sse.record(ans)
                    if ans.status == 200 and not saw_end:
                        sse.finding("SSE 200 without an end event",
                                    f"stream {'closed' if ended else 'still open after 5 s'}, {fmt_bytes(ans.size)}: "
                                    f"`{ans.body[-160:].decode('utf-8', 'replace').replace(chr(10), ' ')}`")
                futures = [pool.submit(f) for f in (delete, delete, delete, get, follow)]
                for f in futures:
                    try:
                        f.result(timeout=30)
                    except Exception as e:  # noqa: BLE001 - a broken barrier or a bug here must not hang the run
                        post.notes.append(f"round {i}: {type(e).__name__}")
                done += 1
        if blocker:
            run.req(run.setup, "DELETE", f"/api/experiments/{blocker}", timeout=15, what="DELETE the running blocker")
    post.notes.append(f"{done} rounds")
    run.cleanup()


def phase4(run):
    reps = 1 if run.cfg.quick else 3
    five_s = ('"strategies":["atomic"],"threadCounts":[1],"durationMillis":500,"trials":10,"warmupTrials":0}')
    p_wait = Shape(run, 4, "POST Prefer: wait=1 on a ~5 s experiment", expected={202})
    d_wait = Shape(run, 4, "DELETE after the wait timed out", expected={200})
    p_gone = Shape(run, 4, "POST Prefer: wait=30, client gives up after 1 s", expected={"timeout"}, no_answer_ok=True)
    d_gone = Shape(run, 4, "DELETE after the waiting client left", expected={200})

    def check_cancelled(shape, a):
        body = a.json() if a.status == 200 else None
        if a.status == 200 and (not isinstance(body, dict) or body.get("status") != "CANCELLED"):
            shape.finding("not CANCELLED", f"status {body.get('status') if isinstance(body, dict) else body!r:.60}")

    for r in range(reps):
        if run.left() < 15:
            run.skipped.append(f"phase 4 after {r} rounds")
            break
        with p_wait.active():
            a, eid = run.post(p_wait, '{"name":"hostile-wait-%d",' % r + five_s, [("Prefer", "wait=1")])
        if eid:
            with d_wait.active():
                check_cancelled(d_wait, run.req(d_wait, "DELETE", f"/api/experiments/{eid}", timeout=15))
        name = f"hostile-gone-{r}-{random.randrange(10**9)}"
        with p_gone.active():
            a, eid = run.post(p_gone, '{"name":"%s",' % name + five_s, [("Prefer", "wait=30")], timeout=1.0)
        if not eid:
            listing = run.req(run.setup, "GET", "/api/experiments?limit=100").json()
            items = listing if isinstance(listing, list) else (listing or {}).get("items", []) \
                if isinstance(listing, dict) else []
            eid = next((x.get("id") for x in items if isinstance(x, dict) and x.get("name") == name), None)
            if eid:
                with run.created_lock:
                    run.created.append(eid)
            else:
                p_gone.finding("submission not found", f"no experiment named {name} in the list")
        if eid:
            with d_gone.active():
                check_cancelled(d_gone, run.req(d_gone, "DELETE", f"/api/experiments/{eid}", timeout=15))
    run.cleanup()


def phase5(run):
    cfg = run.cfg
    seconds = 3 if cfg.quick else 10
    clients = 5
    shape = Shape(run, 5, f"submission flood: {clients} keep-alive clients, {seconds} s", expected={202, 429})
    ids, ids_lock = collections.deque(maxlen=1000), threading.Lock()
    stop_at = time.monotonic() + min(seconds, max(1, run.left() - 20))
    body = TINY.encode()

    def client():
        conn = http.client.HTTPConnection(run.target.host, run.target.port, timeout=run.timeout(15))
        n = 0
        while time.monotonic() < stop_at and n < 50_000:
            a = keepalive_request(conn, "POST", run.target.prefix + "/api/experiments", body,
                                  {"Content-Type": "application/json"})
            shape.record(a)
            n += 1
            if a.status == 429 and "retry-after" not in a.headers:
                shape.finding("429 without Retry-After", describe(a))
            loc = a.headers.get("location") if a.status == 202 else None
            if loc:
                with ids_lock:
                    ids.append(loc.rstrip("/").rsplit("/", 1)[-1])
        conn.close()

    with shape.active():
        threads = [threading.Thread(target=client, daemon=True) for _ in range(clients)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(seconds + 60)
        shape.notes.append(f"{len(shape.answers) / seconds:,.0f} requests/s; deleted the last {len(ids)} accepted")
        run.cleanup(list(ids), threads=4)


def phase6(run):
    cfg = run.cfg
    count = 50
    cap = 15 if cfg.quick else 40
    first = Shape(run, 6, f"slow headers, first request: {count // 2} sockets, 1 byte every 2 s, up to {cap} s",
                  no_answer_ok=True)
    second = Shape(run, 6, f"slow headers, second request after a keep-alive one: {count - count // 2} sockets, "
                           f"1 byte every 2 s, up to {cap} s", no_answer_ok=True)
    prefix, hostport = run.target.prefix, run.target.hostport
    half_line = f"GET {prefix}/api/strat".encode()
    half_header = f"GET {prefix}/api/strategies HTTP/1.1\r\nHost: {hostport}\r\nX-Slow-".encode()
    with first.active(), second.active():
        socks = {}
        for i in range(count):
            shape = first if i < count // 2 else second
            try:
                s = socket.create_connection((run.target.host, run.target.port), timeout=5)
                if shape is second:
                    # One complete request first, so the connection is an idle keep-alive one.
                    s.sendall(f"GET {prefix}/api/strategies HTTP/1.1\r\nHost: {hostport}\r\n\r\n".encode())
                    resp = http.client.HTTPResponse(s, method="GET")
                    resp.begin()
                    resp.read()
                    if resp.will_close:
                        shape.finding("keep-alive refused", f"first answer {resp.status} closed the connection")
                        s.close()
                        continue
                s.sendall(half_line if i % 2 == 0 else half_header)
            except (OSError, http.client.HTTPException) as e:
                shape.finding("could not set up", f"{type(e).__name__}: {e}")
                continue
            s.setblocking(False)
            socks[s] = {"shape": shape, "t0": time.monotonic(), "closed": None, "how": None, "data": b""}
        t_end = time.monotonic() + min(cap, max(1, run.left() - 10))
        next_byte = time.monotonic() + 2
        while time.monotonic() < t_end:
            open_socks = [s for s, st in socks.items() if st["closed"] is None]
            if not open_socks:
                break
            readable, _, _ = select.select(open_socks, [], [], max(0.0, min(0.25, next_byte - time.monotonic())))
            for s in readable:
                st = socks[s]
                try:
                    chunk = s.recv(65536)
                except BlockingIOError:
                    continue
                except OSError:
                    st["closed"], st["how"] = time.monotonic(), "reset"
                    continue
                if chunk:
                    st["data"] += chunk[:KEEP]
                else:
                    st["closed"], st["how"] = time.monotonic(), "closed"
            if time.monotonic() >= next_byte:
                next_byte += 2
                for s in open_socks:
                    if socks[s]["closed"] is None:
                        try:
                            s.send(b"a")
                        except BlockingIOError:
                            pass
                        except OSError:
                            socks[s]["closed"], socks[s]["how"] = time.monotonic(), "reset"
        waited = time.monotonic()
        for shape in (first, second):
            closed_ms, kinds, n = [], collections.Counter(), 0
            for s, st in socks.items():
                if st["shape"] is not shape:
                    continue
                n += 1
                if st["closed"] is not None:
                    closed_ms.append((st["closed"] - st["t0"]) * 1000)
                    head, _, body = st["data"].partition(b"\r\n\r\n")
                    parts = head.split(b"\r\n", 1)[0].decode("latin-1", "replace").split(" ")
                    if len(parts) > 1 and parts[1].isdigit():
                        code = int(parts[1])
                        kinds[f"{code} then {st['how']}"] += 1
                        ctype = next((line.split(b":", 1)[1].strip().decode("latin-1")
                                      for line in head.split(b"\r\n") if line.lower().startswith(b"content-type:")),
                                     None)
                        shape.record(Answer(code, closed_ms[-1], ctype, len(body), body[:KEEP], t0=st["t0"]))
                    else:
                        kinds[f"{st['how']} without an answer"] += 1
                else:
                    kinds[f"still open at {(waited - st['t0']):.0f} s"] += 1
            shape.status_text = ", ".join(f"{k} x {v}" for k, v in sorted(kinds.items()))
            shape.latencies_override = closed_ms
            shape.sent_override = n
            still = n - len(closed_ms)
            if still:
                shape.notes.append(f"the server kept {still} of {n} half-sent requests open until the client gave up")
            if closed_ms:
                shape.notes.append(f"{len(closed_ms)} closed after {min(closed_ms) / 1000:.1f}..{max(closed_ms) / 1000:.1f} s")
        for s in socks:
            s.close()


def phase7(run):
    reps = 1 if run.cfg.quick else 2
    prefer = Shape(run, 7, "malformed Prefer: wait (abc, -1, 99999999999999999999, ...)", expected={200, 202},
                   hostile=True)
    with prefer.active():
        for _ in range(reps):
            for value in ("wait=abc", "wait=-1", "wait=99999999999999999999", "wait=", "wait", "wait=1.5",
                          'wait="', "wait=0x10", ";;,,wait==3", "wait=" + "9" * 4000):
                if run.left() < 5:
                    break
                run.post(prefer, TINY, [("Prefer", value)], what=f"Prefer: {value[:40]}")
    length = Shape(run, 7, "malformed Content-Length (abc, -1, 2^64+, two values, with chunked)",
                   expected={400, 413}, hostile=True)
    body = TINY.encode()
    with length.active():
        for _ in range(reps):
            for headers in ([("Content-Length", "abc")], [("Content-Length", "-1")],
                            [("Content-Length", "99999999999999999999")], [("Content-Length", "+%d" % len(body))],
                            [("Content-Length", "%d, %d" % (len(body), len(body) + 1))],
                            [("Content-Length", str(len(body))), ("Content-Length", str(len(body) + 1))],
                            [("Content-Length", str(len(body))), ("Transfer-Encoding", "chunked")]):
                raw = build_request(run.target, "POST", "/api/experiments",
                                    [("Content-Type", "application/json")] + headers, body)
                a = run.req(length, "POST", "/api/experiments", raw=raw, timeout=5,
                            what="; ".join(f"{k}: {v}" for k, v in headers))
                run.remember(a)
    query = Shape(run, 7, "status/limit query params and odd ids", expected={200, 400, 404}, hostile=True)
    with query.active():
        for _ in range(reps):
            for path in ("/api/experiments?status=completed", "/api/experiments?status=COMPLETED&status=FAILED",
                         "/api/experiments?status=", "/api/experiments?status=%00", "/api/experiments?status=%E2%80%AE",
                         "/api/experiments?status=" + "A" * 3000, "/api/experiments?limit=abc",
                         "/api/experiments?limit=-1", "/api/experiments?limit=99999999999",
                         "/api/experiments?limit=1&limit=2", "/api/experiments/%00", "/api/experiments/..%2F..%2Fq",
                         "/api/experiments/" + "a" * 3000, "/api/experiments/%ZZ", "/api/strategies/%C0%AF"):
                if run.left() < 5:
                    break
                run.req(query, "GET", path)
    run.cleanup()


PHASES = {
    1: ("1 bodies near the limit", phase1),
    2: ("2 names", phase2),
    3: ("3 DELETE/GET/SSE races", phase3),
    4: ("4 DELETE after a wait", phase4),
    5: ("5 submission flood", phase5),
    6: ("6 slow headers", phase6),
    7: ("7 malformed headers/params", phase7),
}


# --------------------------------------------------------------------------------------------- report

def report(run, samples, t_started):
    cfg = run.cfg
    out = []
    w = out.append
    w(f"\n## Hostile shapes against {cfg.base} ({'quick' if cfg.quick else 'full'} run, {os.cpu_count()} cores, "
      f"{time.strftime('%Y-%m-%dT%H:%MZ', time.gmtime())}, {time.monotonic() - t_started:.0f} s)\n")
    w(f"maxBodyBytes {run.max_body:,}; thresholds: hostile answer {cfg.max_hostile_ms:g} ms, probe "
      f"{cfg.max_probe_ms:g} ms, error body {fmt_bytes(cfg.max_error_bytes)}.\n")
    w("| phase | shape | sent | status codes | worst ms | p99 ms | probe worst ms | findings |")
    w("|---|---|---:|---|---:|---:|---:|---|")
    failures = []
    for s in run.shapes:
        if s is run.setup:
            continue
        lat = s.latencies_override if s.latencies_override is not None else [a.ms for a in s.answers]
        codes = s.status_text or ", ".join(
            f"{k} x {v}" for k, v in sorted(collections.Counter(str(a.status) for a in s.answers).items()))
        sent = getattr(s, "sent_override", len(s.answers))
        probe = [ms for (t0, ms, _) in samples for (w0, w1) in s.windows if w0 <= t0 <= w1]
        found = "; ".join(f"{k} x {v}" for k, v in s.findings.items())
        notes = "; ".join(s.notes)
        cell = " ".join(x for x in (f"**{found}**" if found else "", f"({notes})" if notes else "") if x) or "ok"
        w(f"| {s.phase} | {s.name} | {sent:,} | {codes or '—'} | {fmt_ms(max(lat) if lat else None)} | "
          f"{fmt_ms(pct(lat, 99))} | {fmt_ms(max(probe) if probe else None)} | {cell} |")
        for k, v in s.findings.items():
            failures.append((k, v, f"shape {s.phase}: {s.name}"))
    if run.setup.answers or run.setup.findings:
        s = run.setup
        lat = [a.ms for a in s.answers]
        codes = ", ".join(f"{k} x {v}" for k, v in sorted(collections.Counter(str(a.status) for a in s.answers).items()))
        found = "; ".join(f"{k} x {v}" for k, v in s.findings.items())
        w(f"| — | {s.name} | {len(s.answers):,} | {codes} | {fmt_ms(max(lat) if lat else None)} | "
          f"{fmt_ms(pct(lat, 99))} | — | {('**' + found + '**') if found else 'ok'} |")
        for k, v in s.findings.items():
            failures.append((k, v, "setup/cleanup"))

    w(f"\n### Probe: GET /api/strategies every {cfg.probe_interval_ms:g} ms on a new connection\n")
    worst_probe = 0.0
    w(f"| phase | probes | worst ms | p99 ms | over {cfg.max_probe_ms:g} ms | failed |")
    w("|---|---:|---:|---:|---:|---:|")
    for label, t0, t1 in run.phases:
        mine = [(ms, st) for (ts, ms, st) in samples if t0 <= ts < t1]
        lat = [ms for ms, _ in mine]
        over = sum(1 for ms in lat if ms > cfg.max_probe_ms)
        bad = sum(1 for _, st in mine if st != 200)
        w(f"| {label} | {len(mine):,} | {fmt_ms(max(lat) if lat else None)} | {fmt_ms(pct(lat, 99))} | {over} | {bad} |")
        if over:
            failures.append((f"probe > {cfg.max_probe_ms:g} ms", over, f"phase {label}"))
            worst_probe = max(worst_probe, max(lat))
        if bad:
            failures.append(("probe failed", bad, f"phase {label}"))

    examples = [(s, c, t) for s in run.shapes for c, t in s.examples]
    if examples:
        w("\n### Offending answers (the first of each kind per shape)\n")
        for s, c, t in examples:
            where = "setup/cleanup" if s is run.setup else f"{s.phase} {s.name}"
            w(f"- {where} — {c}: {t}")
    if run.skipped:
        w("\n" + "Not run (time cap): " + ", ".join(run.skipped))
        failures.append(("not run (time cap)", len(run.skipped), "phases"))
    w("")
    if failures:
        summary = collections.OrderedDict()
        for kind, count, where in failures:
            total, places = summary.get(kind, (0, []))
            summary[kind] = (total + count, places + [where])
        parts = []
        for kind, (total, places) in summary.items():
            unit = "phase" if places[0].startswith("phase") else "shape"
            extra = f", worst {fmt_ms(worst_probe)} ms" if kind.startswith("probe >") else ""
            parts.append(f"{kind}: {total:,} in {len(places)} {unit}{'s' if len(places) > 1 else ''}{extra}")
        w("VERDICT: FAIL — " + "; ".join(parts))
    else:
        w("VERDICT: PASS — no 5xx, every error problem+json and small, hostile answers and probes within limits")
    print("\n".join(out), flush=True)
    return 1 if failures else 0


# ----------------------------------------------------------------------------------------------- main

def warm_up(run):
    """Touches each code path with small versions of the shapes, so the JIT's first compile is not measured."""
    deadline = time.monotonic() + 15
    for _ in range(20):
        exchange(run.target, "GET", "/api/strategies", timeout=5)
    for _, body in body_shapes(2500):
        for _ in range(3):
            if time.monotonic() < deadline:
                exchange(run.target, "POST", "/api/experiments", [("Content-Type", "application/json")],
                         body.encode(), timeout=10)
    for _ in range(3):
        a = exchange(run.target, "POST", "/api/experiments", [("Content-Type", "application/json"),
                                                              ("Prefer", "wait=5")], TINY.encode(), timeout=10)
        run.remember(a)
    exchange(run.target, "GET", "/api/experiments?limit=5", timeout=5)
    run.cleanup()


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--base", default="http://127.0.0.1:8080", help="service base URL, loopback only")
    p.add_argument("--quick", action="store_true", help="fewer repetitions and shorter phases (~30 s)")
    p.add_argument("--max-hostile-ms", type=float, default=100, help="slowest acceptable answer to a hostile request")
    p.add_argument("--max-probe-ms", type=float, default=100, help="slowest acceptable probe during the phases")
    p.add_argument("--max-error-bytes", type=int, default=4096, help="largest acceptable error body")
    p.add_argument("--probe-interval-ms", type=float, default=20)
    p.add_argument("--timeout", type=float, default=60, help="per-request timeout, seconds")
    p.add_argument("--time-cap", type=float, default=None, help="whole-run cap, seconds (default 600, --quick 300)")
    p.add_argument("--recovery-wait", type=float, default=180,
                   help="how long to wait, after a request the client gave up on, for the service to answer promptly "
                        "again before the next shape, seconds")
    p.add_argument("--phases", default="1,2,3,4,5,6,7", help="comma-separated phases to run")
    cfg = p.parse_args(argv)
    if cfg.time_cap is None:
        cfg.time_cap = 300 if cfg.quick else 600
    try:
        target = Target(cfg.base)
        phases = [int(x) for x in cfg.phases.split(",") if x.strip()]
        if not phases or any(x not in PHASES for x in phases):
            raise ValueError(f"--phases: choose from {sorted(PHASES)}")
    except ValueError as e:
        print(f"Refusing to run: {e}", file=sys.stderr)
        return 2

    run = Run(cfg, target)
    run.setup = Shape(run, 0, "setup and cleanup (blockers, lookups, DELETEs of what we created)",
                      expected={200, 202, 204, 404})
    limits = exchange(target, "GET", "/api/limits", timeout=10)
    if limits.status != 200:
        print(f"No playground answers at {cfg.base} ({describe(limits)})", file=sys.stderr)
        return 2
    run.max_body = int((limits.json() or {}).get("maxBodyBytes") or 65536)
    warm_up(run)

    ctx = multiprocessing.get_context("fork")
    stop, out = ctx.Event(), ctx.Queue()
    probe = ctx.Process(target=probe_main, daemon=True,
                        args=(target.host, target.port, target.prefix, cfg.probe_interval_ms / 1000,
                              min(cfg.timeout, 60), cfg.time_cap + 120, stop, out))
    t_started = time.monotonic()
    run.deadline = t_started + cfg.time_cap
    probe.start()
    try:
        time.sleep(0.2)
        for number in phases:
            label, fn = PHASES[number]
            if run.left() < 10:
                run.skipped.append(f"phase {label}")
                continue
            print(f"phase {label} ...", file=sys.stderr, flush=True)
            settle(run)
            t0 = time.monotonic()
            fn(run)
            run.phases.append((label, t0, time.monotonic()))
    finally:
        stop.set()
        try:
            samples = out.get(timeout=cfg.timeout + 10)
        except Exception:  # noqa: BLE001 - a probe that did not report leaves the table without probes
            samples = []
        probe.join(5)
        if probe.is_alive():
            probe.terminate()
    return report(run, samples, t_started)


if __name__ == "__main__":
    sys.exit(main())
