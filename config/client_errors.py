"""A client's mistake is one warning line in the log, never an ERROR with a traceback.

Django logs every request it refuses with a 4xx together with the exception's
traceback, and the refusals it counts as suspicious (a bad Host header, too
many fields, a body too large) at ERROR. Those are what a client sent, not a
fault of the site: an ERROR would page someone for nothing, and a traceback
per scanner's request buries the real ones. The line itself is kept (what was
refused and where), as a warning.
"""

import logging


class ClientErrorsAsWarnings(logging.Filter):
    """For a log record about a 4xx answer: level WARNING, and no traceback."""

    def filter(self, record: logging.LogRecord) -> bool:
        status = getattr(record, "status_code", None)
        if isinstance(status, int) and 400 <= status < 500:
            record.levelno, record.levelname = logging.WARNING, "WARNING"
            record.exc_info = None
            record.exc_text = None
        return True
