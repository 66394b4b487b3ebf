"""Rotating SECRET_KEY: with the old key in SECRET_KEY_FALLBACKS, what it signed stays good."""

import pytest
from django.test import Client, override_settings

from appointments import form_tokens
from tests.config.test_settings import PRODUCTION_ENV, start_production
from tests.factories import sign_in

OLD_KEY = "old-" + "o" * 50
NEW_KEY = "new-" + "n" * 50


def test_production_reads_the_fallback_keys_comma_separated():
    """SECRET_KEY_FALLBACKS is a comma-separated list from the environment."""
    env = PRODUCTION_ENV | {"SECRET_KEY_FALLBACKS": f"{OLD_KEY},older"}
    result = start_production(env, "SECRET_KEY_FALLBACKS")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f'["{OLD_KEY}", "older"]'


def test_production_has_no_fallback_keys_unless_given():
    """Without the variable, only SECRET_KEY signs and checks."""
    result = start_production(PRODUCTION_ENV, "SECRET_KEY_FALLBACKS")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_a_form_token_signed_with_the_old_key_is_accepted_during_rotation():
    """A patient who loaded the form before the rotation can still send it."""
    with override_settings(SECRET_KEY=OLD_KEY):
        token = form_tokens.issue(browser="a-browser")
    with override_settings(SECRET_KEY=NEW_KEY, SECRET_KEY_FALLBACKS=[OLD_KEY]):
        assert form_tokens.read(token, browser="a-browser").nonce
    with (
        override_settings(SECRET_KEY=NEW_KEY, SECRET_KEY_FALLBACKS=[]),
        pytest.raises(form_tokens.TokenProblem),
    ):
        form_tokens.read(token, browser="a-browser")


@pytest.mark.django_db
def test_a_staff_session_from_before_the_rotation_stays_signed_in(admin_user):
    """Staff signed in under the old key stay signed in while it is a fallback; each visit
    then moves their session onto the new key, so dropping the old key later keeps them in."""
    visits_during_rotation, away_during_rotation = Client(), Client()
    with override_settings(SECRET_KEY=OLD_KEY):
        sign_in(visits_during_rotation, admin_user)
        sign_in(away_during_rotation, admin_user)
    with override_settings(SECRET_KEY=NEW_KEY, SECRET_KEY_FALLBACKS=[OLD_KEY]):
        assert visits_during_rotation.get("/admin/").status_code == 200
    with override_settings(SECRET_KEY=NEW_KEY, SECRET_KEY_FALLBACKS=[]):
        assert visits_during_rotation.get("/admin/").status_code == 200
        response = away_during_rotation.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
