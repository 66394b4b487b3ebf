"""The explainer through the deploy recipe's nginx, against nginx serving a static file.

Starts the production stack (gunicorn, the task worker) on loopback with its own
throw-away data folder, puts nginx in front with deploy/nginx/neec.conf (as
tests/deploy/test_nginx.py does: TLS on a free port, a self-signed certificate),
writes a static file of exactly the explainer's compressed size, and prints
requests per second for each over HTTPS (wrk), and their ratio.

    .venv/bin/python -m benchmarks.behind_nginx [--seconds 10]

The explainer is marked public for 60 s by the site, so after the first request
nginx answers it from its own cache: the ratio shows what that cache costs
against a plain file. Absolute numbers drift between machines; compare the ratio.
"""

import argparse
import shutil
import ssl
import tempfile
import urllib.request
from pathlib import Path

from benchmarks.run import wrk
from tests.behind_nginx import SERVER_NAME, running_nginx
from tests.local_site import EXPLAINER, free_port, manage, prepare, running_site, site_environment


def fetch(url: str, context) -> tuple[bytes, dict]:
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip, br"})
    with urllib.request.urlopen(request, context=context) as response:
        return response.read(), dict(response.headers)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10, help="length of each wrk run")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: apt-get install -y wrk")
    if not (shutil.which("nginx") or Path("/usr/sbin/nginx").exists()):
        raise SystemExit("nginx is missing: apt-get install -y nginx")

    folder = Path(tempfile.mkdtemp(prefix="neec-bench-nginx-"))
    var_dir = folder / "var"
    https_port, gunicorn_port = free_port(), free_port()
    env = site_environment(
        var_dir,
        gunicorn_port,
        BEHIND_PROXY="true",
        ALLOWED_HOSTS=f"{SERVER_NAME},127.0.0.1",
        SITE_URL=f"https://{SERVER_NAME}:{https_port}",
    )
    try:
        prepare(env)
        manage(env, "clear_page_cache")
        with (
            running_site(env) as gunicorn,
            running_nginx(
                folder / "nginx",
                upstream=f"127.0.0.1:{gunicorn_port}",
                var_dir=var_dir,
                https_port=https_port,
                http_port=free_port(),
            ) as (cert, base),
        ):
            context = ssl.create_default_context(cafile=str(cert))
            page, headers = fetch(base + EXPLAINER, context)
            # The same bytes as a static file: already compressed, so nginx sends it as is.
            same_size = var_dir / "static" / "bench-explainer-copy.bin"
            same_size.write_bytes(page)
            static = "/static/" + same_size.name
            _, cached = fetch(base + EXPLAINER, context)
            for url in (base + EXPLAINER, base + static, gunicorn + EXPLAINER):
                wrk(url, 2)  # warm up
            page_rps = wrk(base + EXPLAINER, args.seconds)
            static_rps = wrk(base + static, args.seconds)
            direct_rps = wrk(gunicorn + EXPLAINER, args.seconds)
    finally:
        shutil.rmtree(folder, ignore_errors=True)

    encoding = headers.get("Content-Encoding", "none")
    print("\n== Through nginx (HTTPS, wrk -t2 -c32, gzip and br accepted) ==")
    status = cached.get("X-Cache-Status")
    print(f"explainer page: {len(page)} bytes ({encoding}); second request from nginx: {status}")
    print(f"explainer through nginx  {EXPLAINER:<34} {page_rps:10.0f} requests/s")
    print(f"static file, same size   {static:<34} {static_rps:10.0f} requests/s")
    print(f"ratio explainer/static: {page_rps / static_rps:.2f}")
    print(f"(for reference, the explainer from gunicorn directly, plain HTTP: {direct_rps:.0f}/s)")


if __name__ == "__main__":
    main()
