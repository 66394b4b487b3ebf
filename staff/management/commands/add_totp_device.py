"""`manage.py add_totp_device USERNAME`: give a user an authenticator app, and print its address.

For the first superuser on a new server, and for scripted checks: the printed
otpauth:// address holds the secret key; an authenticator app takes it as a
QR code (`qrencode -t ansiutf8 'otpauth://...'`) or by typing the key.
"""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from staff import second_factor


class Command(BaseCommand):
    help = "Create a TOTP device (authenticator app) for a user and print its otpauth:// URI."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument(
            "--name",
            default=second_factor.AUTHENTICATOR_NAME,
            help="What to call the device in the admin.",
        )

    def handle(self, *args, username, name, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"There is no user called {username!r}.")
        key = second_factor.new_key()
        second_factor.authenticator_connect(user=user, key=key, name=name)
        if not user.is_staff:
            self.stderr.write(f"Note: {username} is not staff, so cannot use the staff pages.")
        self.stdout.write(second_factor.setup_uri(user, key))
