"""gunicorn settings for WIR-Fallmanagement (scripts/serve, the systemd unit and the container use it).

Every value can be changed by environment variable; see docs/operations.md.
"""

import multiprocessing
import os

wsgi_app = "wir_fallmanagement.wsgi:application"

# Behind the TLS proxy on the same machine; WIR_BIND=0.0.0.0:8000 in a container.
bind = os.environ.get("WIR_BIND", "127.0.0.1:8000")

# Threaded workers (gthread): one process per core (at least 2, so that one can restart while the
# other serves), 8 threads each. A page is Python in this process plus a query in PostgreSQL on the
# same machine; with threads a process serves other requests while one waits for its query, where
# a synchronous worker would sit idle. Measured with bench/load.py (50 users, 2 cores): 2 × 8
# threads answered with p50 0.4 s / p95 1.4 s where 5 synchronous workers took 2.1 s / 3.2 s on the
# same (overloaded) machine (docs/operations.md, "Capacity"). Vollmacht PDFs are rendered by the
# task worker, not here. Each thread keeps its own database connection: workers × threads in all.
workers = int(os.environ.get("WEB_CONCURRENCY", min(max(multiprocessing.cpu_count(), 2), 8)))
threads = int(os.environ.get("WIR_WEB_THREADS", "8"))
worker_class = "gthread" if threads > 1 else "sync"

# A request that takes longer than this is killed (and logged); the largest PDF takes seconds.
timeout = int(os.environ.get("WIR_WEB_TIMEOUT", "60"))
# On SIGTERM/SIGHUP running requests may finish for this long.
graceful_timeout = int(os.environ.get("WIR_WEB_GRACEFUL_TIMEOUT", "30"))
keepalive = 5

# Recycle each worker after about this many requests: memory that PDF rendering (Pango, fonts)
# leaves behind is returned to the system. The jitter keeps workers from restarting together.
max_requests = int(os.environ.get("WIR_WEB_MAX_REQUESTS", "500"))
max_requests_jitter = int(os.environ.get("WIR_WEB_MAX_REQUESTS_JITTER", "100"))

# Logs to stdout/stderr: systemd's journal or the container runtime keeps them.
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("WIR_WEB_LOG_LEVEL", "info")
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms "%(a)s"'

# The proxy on this machine sets X-Forwarded-For/-Proto; gunicorn trusts it from loopback only.
forwarded_allow_ips = os.environ.get("WIR_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
# Loading the app once before forking saves memory and start-up time.
preload_app = True
# gunicorn's run-time control socket (one fixed path per user) is not used: systemd and the
# container runtime manage the process with signals, and several servers may share one user.
control_socket_disable = True
