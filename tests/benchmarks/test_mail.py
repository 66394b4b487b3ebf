"""The benchmarks' SMTP server counts what a sender would count as delivered, or sent twice."""

import smtplib
from email.message import EmailMessage

import pytest

from benchmarks.mail import MailServer

STAFF = "front-desk@clinic.example"


def staff_alert(reference: str) -> EmailMessage:
    message = EmailMessage()
    message["From"] = "site@clinic.example"
    message["To"] = STAFF
    message["Subject"] = f"New callback request {reference}"
    message["Message-ID"] = f"<{reference}@clinic.example>"
    message.set_content("A patient has asked us to call them back.")
    return message


def send(server: MailServer, message: EmailMessage, timeout: float = 5) -> None:
    with smtplib.SMTP("127.0.0.1", server.port, timeout=timeout) as smtp:
        smtp.send_message(message)


def test_each_staff_email_is_counted_under_its_reference():
    """Two emails for one request and one for another: two references, the first twice,
    each with its Message-ID."""
    with MailServer() as server:
        send(server, staff_alert("CB-7K3P"))
        send(server, staff_alert("CB-7K3P"))
        send(server, staff_alert("CB-AC4X"))
        received = server.received(STAFF)
    assert {reference: len(d) for reference, d in received.items()} == {
        "CB-7K3P": 2,
        "CB-AC4X": 1,
    }
    assert received["CB-AC4X"][0].message_id == "<CB-AC4X@clinic.example>"
    assert server.received("someone-else@clinic.example") == {}


def test_a_slow_server_has_the_message_before_the_sender_gives_up_waiting():
    """A sender that stops waiting for the slow "250" has still delivered its email."""
    with MailServer(delay=2) as server:
        with pytest.raises(OSError):  # timed out, whichever way smtplib puts it
            send(server, staff_alert("CB-7K3P"), timeout=0.5)
        assert list(server.received(STAFF)) == ["CB-7K3P"]


def test_a_stopped_server_refuses_and_comes_back_on_the_same_port():
    """Down: connections are refused; started again, the same address takes email."""
    server = MailServer()
    server.start()
    server.stop()
    with pytest.raises(ConnectionRefusedError):
        send(server, staff_alert("CB-7K3P"))
    with server:
        send(server, staff_alert("CB-7K3P"))
    assert list(server.received(STAFF)) == ["CB-7K3P"]


def test_a_message_is_shown_to_the_bench_before_the_server_answers():
    """on_message sees each message while its sender still waits for the "250"."""
    seen = []
    with MailServer(delay=2) as server:
        server.on_message = lambda delivery: seen.append(delivery.reference)
        with pytest.raises(OSError):
            send(server, staff_alert("CB-7K3P"), timeout=0.5)
    assert seen == ["CB-7K3P"]
