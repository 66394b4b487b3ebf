"""gunicorn's own log lines, without what a client sent.

When gunicorn refuses a request itself (a broken request line, raw bytes that
are not UTF-8, too many headers), it logs "Invalid request from ip=ADDRESS:
ERROR", and the error repeats the request line as sent, query string and all;
a request that fails past Django logs its method and whole address. Either
could hold a patient's name or phone number (a search in the admin), and the
address is a client's. This logger keeps the kind of failure and the path, and
drops the rest, as the access log does (config/gunicorn.py).
"""

import re

from gunicorn import glogging

INVALID_REQUEST = re.compile(r"Invalid request from ip=[^:]*: (?P<error>.*)", re.S)


def kind_of(error: str) -> str:
    """'Invalid HTTP request line' from "Invalid HTTP request line: 'GET /?name=…'"."""
    return re.split(r"[:'\"(]", error, maxsplit=1)[0].strip() or "unreadable request"


def path_only(uri) -> str:
    return str(uri).split("?", 1)[0]


class PrivateLogger(glogging.Logger):
    def warning(self, msg, *args, **kwargs):
        if isinstance(msg, str) and (refused := INVALID_REQUEST.fullmatch(msg)):
            msg, args = "Invalid request refused by gunicorn: %s", (kind_of(refused["error"]),)
        super().warning(msg, *args, **kwargs)

    def exception(self, msg, *args, **kwargs):
        if isinstance(msg, str) and msg.startswith("Error handling request") and args:
            args = (*args[:-1], path_only(args[-1]))
        super().exception(msg, *args, **kwargs)
