"""A real SMTP server on loopback for the benchmarks: it counts what it is sent.

aiosmtpd listens on a port of its own, which stays the same when the server is
stopped and started again (a mail server down for a while, then back). Each
message is counted the moment its body has arrived, before the server answers:
a server that is slow to say "250" has still accepted the message, so a client
that gives up waiting and sends it again delivers it twice.
"""

import asyncio
import re
import threading
import time
from collections import defaultdict
from collections.abc import Callable
from email.parser import BytesHeaderParser
from typing import NamedTuple

from aiosmtpd.controller import Controller

from tests.local_site import free_port

REFERENCE = re.compile(r"\bCB-[0-9A-Z]+\b")


class Delivery(NamedTuple):
    at: float  # time.monotonic() when the body arrived
    to: tuple[str, ...]  # the envelope's recipients
    reference: str  # the callback reference in the subject; empty when none
    message_id: str


class MailServer:
    """aiosmtpd on 127.0.0.1; `delay` seconds before each "250" (a slow server)."""

    def __init__(self, delay: float = 0):
        self.port = free_port()
        self.url = f"smtp://127.0.0.1:{self.port}"
        self.delay = delay
        self.deliveries: list[Delivery] = []
        self.lock = threading.Lock()
        self.controller = None
        # Called with each message as it is counted, before the server answers.
        self.on_message: Callable[[Delivery], None] | None = None

    async def handle_DATA(self, server, session, envelope):
        headers = BytesHeaderParser().parsebytes(envelope.original_content or b"")
        found = REFERENCE.search(headers.get("Subject", ""))
        delivery = Delivery(
            time.monotonic(),
            tuple(envelope.rcpt_tos),
            found.group(0) if found else "",
            headers.get("Message-ID", ""),
        )
        with self.lock:
            self.deliveries.append(delivery)
        if self.on_message is not None:
            self.on_message(delivery)
        if self.delay:
            await asyncio.sleep(self.delay)
        return "250 Message accepted"

    def start(self) -> None:
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self) -> None:
        """Close the port: senders get "connection refused" until start()."""
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    def __enter__(self) -> "MailServer":
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def received(self, recipient: str) -> dict[str, list[Delivery]]:
        """Each reference's deliveries to this recipient, in the order they arrived."""
        by_reference = defaultdict(list)
        with self.lock:
            for delivery in self.deliveries:
                if recipient in delivery.to:
                    by_reference[delivery.reference].append(delivery)
        return dict(by_reference)
