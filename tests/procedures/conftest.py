"""Helpers for the procedure pages' tests."""


def save_in_admin(admin_client, url: str, changes: dict) -> None:
    """Post an admin change form as an editor would, changing only `changes`."""
    form = admin_client.get(url).context["adminform"].form
    data = {name: form[name].value() or "" for name in form.fields} | changes
    for prefix in ("sections", "steps", "warning_signs", "questions"):
        data |= {f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"}
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()
