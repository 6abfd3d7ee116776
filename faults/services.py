"""The stack faults/run breaks: its own PostgreSQL, Redis, mail sink, gunicorn and task
worker, each on a spare port of 127.0.0.1, each started and stopped here."""

import os
import shutil
import signal
import socket
import socketserver
import subprocess
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PY = REPO / ".venv" / "bin" / "python"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(check, timeout, interval=0.2):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(interval)
    return False


def port_answers(port):
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return True
    except OSError:
        return False


class PostgreSQL:
    """A throwaway cluster (initdb) owned by the postgres user when run as root."""

    def __init__(self, work):
        self.bindir = Path(
            subprocess.run(
                ["pg_config", "--bindir"], capture_output=True, text=True, check=True
            ).stdout.strip()
        )
        self.dir = work / "pg"
        self.port = free_port()
        self.log = work / "postgresql.log"
        self.as_user = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []

    def _run(self, *args, check=True):
        return subprocess.run(
            [*self.as_user, *args], check=check, capture_output=True, text=True, timeout=120
        )

    def init(self):
        if self.dir.exists():
            shutil.rmtree(self.dir)
        self.dir.mkdir(parents=True)
        self.log.touch()
        if self.as_user:
            shutil.chown(self.dir, "postgres")
            shutil.chown(self.log, "postgres")
        self._run(str(self.bindir / "initdb"), "-D", str(self.dir), "-U", "postgres", "-A", "trust")

    def ctl(self, action, *extra):
        options = f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off"
        return self._run(
            str(self.bindir / "pg_ctl"),
            "-D",
            str(self.dir),
            "-l",
            str(self.log),
            "-o",
            options,
            "-w",
            *extra,
            action,
            check=action != "stop",
        )

    @property
    def url(self):
        return f"postgres://postgres@127.0.0.1:{self.port}/recovery"

    def create_database(self):
        self._run(
            str(self.bindir / "createdb"),
            "-h",
            "127.0.0.1",
            "-p",
            str(self.port),
            "-U",
            "postgres",
            "recovery",
        )


class Redis:
    def __init__(self, work):
        self.port = free_port()
        self.log = work / "redis.log"
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--maxmemory",
                "256mb",
                "--maxmemory-policy",
                "allkeys-lru",
            ],
            stdout=self.log.open("a"),
            stderr=subprocess.STDOUT,
        )
        wait_for(lambda: port_answers(self.port), 10)

    def kill(self):
        self.process.kill()
        self.process.wait()

    def pause(self):
        self.process.send_signal(signal.SIGSTOP)

    def resume(self):
        self.process.send_signal(signal.SIGCONT)

    def used_memory(self):
        out = subprocess.run(
            ["redis-cli", "-p", str(self.port), "info", "memory"], capture_output=True, text=True
        ).stdout
        for line in out.splitlines():
            if line.startswith("used_memory:"):
                return int(line.split(":")[1])
        return 0

    def flush(self):
        subprocess.run(["redis-cli", "-p", str(self.port), "flushdb"], capture_output=True)

    def stop(self):
        if self.process and self.process.poll() is None:
            self.resume()
            self.kill()

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"


class _SMTPHandler(socketserver.StreamRequestHandler):
    """Just enough SMTP for Django's backend, with the sink's current behaviour."""

    def reply(self, line):
        if self.server.sink.mode == "slow":
            time.sleep(self.server.sink.slow_seconds)
        self.wfile.write(line.encode() + b"\r\n")
        self.wfile.flush()

    def handle(self):
        sink = self.server.sink
        if sink.mode == "hang":
            # Accept the connection and say nothing, as a wedged server does.
            sink.hung.wait(timeout=600)
            return
        self.reply("220 faults-sink ESMTP")
        data_mode, lines = False, []
        while True:
            raw = self.rfile.readline()
            if not raw:
                return
            line = raw.decode("utf-8", "replace").rstrip("\r\n")
            if data_mode:
                if line == ".":
                    data_mode = False
                    sink.received(lines)
                    lines = []
                    self.reply("250 OK queued")
                else:
                    lines.append(line)
                continue
            verb = line.split(" ", 1)[0].upper()
            if verb in ("EHLO", "HELO"):
                self.reply("250 faults-sink")
            elif verb == "DATA":
                data_mode = True
                self.reply("354 go ahead")
            elif verb == "QUIT":
                self.reply("221 bye")
                return
            else:
                self.reply("250 OK")


class _Server(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    daemon_threads = True


class MailSink:
    """A local SMTP server that accepts, refuses (port closed), hangs or answers slowly."""

    def __init__(self):
        self.port = free_port()
        self.mode = "accept"
        self.slow_seconds = 8
        self.hung = threading.Event()
        self.subjects = []
        self._lock = threading.Lock()
        self._server = None

    def received(self, lines):
        subject = next((line[9:] for line in lines if line.startswith("Subject: ")), "")
        with self._lock:
            self.subjects.append(subject)

    def open(self):
        if self._server is None:
            self._server = _Server(("127.0.0.1", self.port), _SMTPHandler)
            self._server.sink = self
            threading.Thread(target=self._server.serve_forever, daemon=True).start()

    def close(self):
        """Refuse: nothing listens on the port any more."""
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def set_mode(self, mode):
        if mode == "refuse":
            self.close()
            return
        self.open()
        if mode == "hang":
            self.hung.clear()
        elif self.mode == "hang":
            self.hung.set()  # the wedged connections are let go
        self.mode = mode

    def count(self):
        with self._lock:
            return len(self.subjects)

    def request_numbers(self):
        with self._lock:
            return [int(s.rsplit("#", 1)[1]) for s in self.subjects if "#" in s]


class Site:
    """gunicorn (two sync workers) and the task worker, with the production settings."""

    def __init__(self, work, env):
        self.work = work
        self.env = env
        self.port = free_port()
        self.gunicorn = None
        self.worker = None

    def manage(self, *args, timeout=600, check=True):
        return subprocess.run(
            [str(PY), "manage.py", *args],
            cwd=REPO,
            env=self.env,
            check=check,
            capture_output=True,
            text=True,
            timeout=timeout,
        )

    def start(self):
        self.gunicorn = subprocess.Popen(
            [
                str(REPO / ".venv/bin/gunicorn"),
                "recovery_site.wsgi",
                "--workers",
                "2",
                "--worker-class",
                "sync",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--timeout",
                "30",
                "--no-control-socket",
                "--error-logfile",
                str(self.work / "gunicorn.log"),
            ],
            cwd=REPO,
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self.start_worker()
        if not wait_for(lambda: port_answers(self.port), 30):
            raise RuntimeError("gunicorn did not start (faults/.work/gunicorn.log)")

    def supervise(self, stop):
        """Restart the task worker when it exits, as systemd's Restart=always does: it
        stops on a database error and counts on its supervisor (docs/deploy.md)."""
        self.worker_restarts = 0
        while not stop.wait(1):
            if self.worker.poll() is not None:
                self.worker_restarts += 1
                time.sleep(1)
                self.start_worker()

    def start_worker(self):
        self.worker = subprocess.Popen(
            [str(PY), "manage.py", "db_worker", "--no-reload", "--interval", "1"],
            cwd=REPO,
            env=self.env,
            stdout=(self.work / "worker.log").open("a"),
            stderr=subprocess.STDOUT,
        )

    def stop(self):
        for process in (self.worker, self.gunicorn):
            if process and process.poll() is None:
                process.terminate()
                try:
                    process.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()
