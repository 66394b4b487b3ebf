"""nginx with the deploy recipe's configuration (deploy/nginx/neec.conf), on loopback.

The production file is used as it is, with only the values a deployment changes
swapped for local ones: the server name, the listening ports, the certificate,
VAR_DIR, gunicorn's address and nginx's own folders. nginx runs as the current
user, with every file it writes in a folder of its own.
"""

import getpass
import os
import shutil
import signal
import socket
import subprocess
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SITE_CONFIG = ROOT / "deploy" / "nginx" / "neec.conf"
# The name the test site answers to: TLS clients send it (SNI), unlike an IP address.
SERVER_NAME = "localhost"
BROTLI_MODULES = [
    Path("/usr/lib/nginx/modules/ngx_http_brotli_static_module.so"),
    Path("/usr/lib/nginx/modules/ngx_http_brotli_filter_module.so"),
]


def nginx_binary() -> str | None:
    return shutil.which("nginx") or next(
        (p for p in ("/usr/sbin/nginx",) if os.access(p, os.X_OK)), None
    )


def brotli_available() -> bool:
    return BROTLI_MODULES[0].exists()


def self_signed_certificate(folder: Path) -> tuple[Path, Path]:
    """A certificate for SERVER_NAME, made with openssl."""
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [
            shutil.which("openssl") or "/usr/bin/openssl",
            "req",
            "-x509",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:prime256v1",
            "-nodes",
            "-days",
            "2",
            "-subj",
            f"/CN={SERVER_NAME}",
            "-addext",
            f"subjectAltName=DNS:{SERVER_NAME}",
            "-keyout",
            str(key),
            "-out",
            str(cert),
        ],
        check=True,
        capture_output=True,
    )
    return cert, key


def render_site(
    text: str,
    *,
    https_port: int,
    http_port: int,
    upstream: str,
    var_dir: Path,
    folder: Path,
    cert: Path,
    key: Path,
    brotli: bool = True,
) -> str:
    """The production site configuration with local values; each value it replaces must
    be in the file, so a change there that this does not follow fails loudly."""
    replacements = {
        "/etc/letsencrypt/live/www.clinic.example/fullchain.pem": str(cert),
        "/etc/letsencrypt/live/www.clinic.example/privkey.pem": str(key),
        "server_name www.clinic.example;": f"server_name {SERVER_NAME};",
        "/srv/neec/var": str(var_dir),
        "server 127.0.0.1:8000;": f"server {upstream};",
        "/var/cache/nginx/neec": str(folder / "cache"),
        "/var/log/nginx/": f"{folder}/",
        "/var/www/letsencrypt": str(folder / "acme"),
        "listen 443 ": f"listen 127.0.0.1:{https_port} ",
        "listen 80;": f"listen 127.0.0.1:{http_port};",
        "listen 80 ": f"listen 127.0.0.1:{http_port} ",
    }
    for production, local in replacements.items():
        if production not in text:
            raise ValueError(f"deploy/nginx/neec.conf no longer holds {production!r}")
        text = text.replace(production, local)
    lines = text.splitlines()
    lines = [line for line in lines if "listen [::]" not in line]  # no IPv6 needed here
    if not brotli:
        lines = [line for line in lines if "brotli" not in line]
    return "\n".join(lines) + "\n"


def main_config(folder: Path, brotli: bool) -> str:
    """What Debian's /etc/nginx/nginx.conf holds, with every path in folder."""
    modules = "".join(f"load_module {m};\n" for m in BROTLI_MODULES if brotli and m.exists())
    user = f"user {getpass.getuser()};\n" if os.geteuid() == 0 else ""
    mime_types = Path("/etc/nginx/mime.types")
    return f"""{modules}{user}worker_processes 2;
pid {folder}/nginx.pid;
error_log {folder}/error.log warn;
events {{ worker_connections 768; }}
http {{
    sendfile on;
    tcp_nopush on;
    types_hash_max_size 2048;
    include {mime_types};
    default_type application/octet-stream;
    ssl_protocols TLSv1 TLSv1.1 TLSv1.2 TLSv1.3;
    ssl_prefer_server_ciphers on;
    access_log {folder}/access.log;
    gzip on;
    client_body_temp_path {folder}/body;
    proxy_temp_path {folder}/proxy;
    fastcgi_temp_path {folder}/fastcgi;
    uwsgi_temp_path {folder}/uwsgi;
    scgi_temp_path {folder}/scgi;
    include {folder}/neec.conf;
}}
"""


def wait_for_port(port: int, seconds: float = 10) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            if time.monotonic() > deadline:
                raise RuntimeError(f"nginx did not listen on {port} within {seconds} s") from None
            time.sleep(0.05)


@contextmanager
def running_nginx(
    folder: Path,
    *,
    upstream: str,
    var_dir: Path,
    https_port: int,
    http_port: int,
    edit=lambda text: text,
):
    """nginx with the recipe's site configuration until the block ends; yields the
    certificate (to trust) and the HTTPS address. `edit` may change the rendered site
    configuration (a test showing what a directive is for)."""
    folder.mkdir(parents=True, exist_ok=True)
    cert, key = self_signed_certificate(folder)
    brotli = brotli_available()
    site = render_site(
        SITE_CONFIG.read_text(),
        https_port=https_port,
        http_port=http_port,
        upstream=upstream,
        var_dir=var_dir,
        folder=folder,
        cert=cert,
        key=key,
        brotli=brotli,
    )
    (folder / "neec.conf").write_text(edit(site))
    (folder / "nginx.conf").write_text(main_config(folder, brotli))
    command = [nginx_binary(), "-p", str(folder), "-e", str(folder / "error.log")]
    command += ["-c", str(folder / "nginx.conf")]
    check = subprocess.run([*command, "-t"], capture_output=True, text=True, check=False)
    if check.returncode != 0:
        raise RuntimeError(f"nginx refused the configuration:\n{check.stderr}")
    process = subprocess.Popen([*command, "-g", "daemon off;"], stderr=subprocess.DEVNULL)
    try:
        wait_for_port(https_port)
        yield cert, f"https://{SERVER_NAME}:{https_port}"
    finally:
        process.send_signal(signal.SIGQUIT)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
