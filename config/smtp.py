"""SMTP that tells whether the mail server may already have the message.

A send can fail at any step. Before the end of the message has gone out
(connecting, greeting, sign-in, MAIL, RCPT, DATA), the server cannot have it,
and trying again is safe. Once the whole message has been handed over (its
last line, the lone "."), the server may have queued it even if no answer
comes back (a timeout, a dropped connection, a worker killed while waiting):
trying again may deliver it twice. RFC 1047 describes this, and RFC 5321
(4.5.3.2.6) asks clients to wait long for that one answer for this reason.

`watch()` lets the caller hear of both moments for the sends it makes:

    with watch(on_handover=..., on_accepted=...) as handover:
        message.send()
    handover.handed_over, handover.answered

Other mail backends (console, file, memory) never hand over, so nothing is
reported for them, and a failure there is always safe to try again.
"""

import smtplib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from django.core.mail.backends import smtp


@dataclass
class Handover:
    """What one send told about the end of its message."""

    on_handover: Callable[[], None] | None = None
    on_accepted: Callable[[], None] | None = None
    handed_over: bool = False  # the message went out whole, up to its last line
    answered: bool = False  # the server answered that last line (yes or no)
    accepted: bool = False  # ... with 250: it has the message

    @property
    def unanswered(self) -> bool:
        """Handed over with no answer: the server may or may not have the message."""
        return self.handed_over and not self.answered


_current: ContextVar[Handover | None] = ContextVar("smtp_handover", default=None)


@contextmanager
def watch(
    *,
    on_handover: Callable[[], None] | None = None,
    on_accepted: Callable[[], None] | None = None,
) -> Iterator[Handover]:
    """Report the handover of messages sent in this block (in this thread) to the callbacks.

    on_handover runs just before the message's last line goes out (an exception
    from it stops the send there, and the server drops the unfinished message);
    on_accepted as soon as the server answers it with 250, before the connection is
    closed.
    """
    handover = Handover(on_handover=on_handover, on_accepted=on_accepted)
    token = _current.set(handover)
    try:
        yield handover
    finally:
        _current.reset(token)


class _ReportsHandover:
    def data(self, msg):
        """smtplib.SMTP.data (Python 3.13), telling the watcher about the handover."""
        self.putcmd("data")
        code, reply = self.getreply()
        if code != 354:
            raise smtplib.SMTPDataError(code, reply)
        if isinstance(msg, str):
            msg = smtplib._fix_eols(msg).encode("ascii")
        q = smtplib._quote_periods(msg)
        if q[-2:] != smtplib.bCRLF:
            q += smtplib.bCRLF
        q += b"." + smtplib.bCRLF
        handover = _current.get()
        if handover is not None:
            if handover.on_handover is not None:
                try:
                    handover.on_handover()
                except BaseException:
                    self.close()  # mid-message: the server drops what it has so far
                    raise
            handover.handed_over = True
        self.send(q)
        code, reply = self.getreply()
        if handover is not None:
            handover.answered = True
            handover.accepted = code == 250
            if handover.accepted and handover.on_accepted is not None:
                handover.on_accepted()
        return code, reply


class SMTP(_ReportsHandover, smtplib.SMTP):
    pass


class SMTP_SSL(_ReportsHandover, smtplib.SMTP_SSL):
    pass


class EmailBackend(smtp.EmailBackend):
    """Django's SMTP backend (a MAILERS entry from EMAIL_URL), reporting handovers."""

    @property
    def connection_class(self):
        return SMTP_SSL if self.use_ssl else SMTP
