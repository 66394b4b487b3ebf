"""The language help page in Chromium, in English and in Spanish, on a 390 px phone and a
1280 px desktop: axe finds nothing, nothing scrolls sideways, and a language written right
to left is laid out right to left.
"""

import pytest

from procedures.models import LanguageHelpNotice
from tests.browser.helpers import STAFF_DEVICES
from tests.browser.pages import status
from tests.browser.staff import assert_accessible, fits_the_width
from tests.helpers import real_commits

ADDRESSES = {"English": "/language-help/", "Spanish": "/es/language-help/"}
# What the clinic will add: a language read left to right and one read right to left, with
# long words and a sentence that wraps.
NOTICES = [
    ("pt", "Português", "Temos intérpretes gratuitos por telefone, sem nenhum custo para você."),
    ("vi", "Tiếng Việt", "Chúng tôi có thông dịch viên miễn phí qua điện thoại."),
    ("ar", "العربية", "يتوفر مترجمون فوريون مجانًا عبر الهاتف، دون أي تكلفة عليك."),
]


@pytest.fixture(params=list(STAFF_DEVICES))
def page(request, browser):
    """A 390 x 844 phone (touch), then a 1280 x 800 desktop."""
    context = browser.new_context(**STAFF_DEVICES[request.param])
    yield context.new_page()
    context.close()


@real_commits
@pytest.mark.parametrize("language", list(ADDRESSES))
def test_the_language_help_page_passes_axe_and_fits_the_width(page, site, language):
    """With three added languages, the page has no WCAG A/AA violation and no sideways scroll."""
    for position, (code, name, sentence) in enumerate(NOTICES):
        LanguageHelpNotice.objects.create(
            language=code, name=name, sentence=sentence, position=position
        )
    page.goto(site + ADDRESSES[language])
    assert status(page) == 200
    assert page.locator("main .language-help").count() == 2 + len(NOTICES)
    assert_accessible(page)
    assert fits_the_width(page)
    arabic = page.locator('main .language-help[lang="ar"] p').first
    assert arabic.evaluate("el => getComputedStyle(el).direction") == "rtl"
