"""Editors' light formatting renders, and unsafe markup never gets through."""

from procedures.markup import render_markdown


def test_paragraphs_lists_and_bold_render():
    """Blank lines, “- ” bullets and **stars** become paragraphs, lists and bold."""
    html = render_markdown("First paragraph.\n\n- One\n- Two\n\nSome **bold** words.")
    assert "<p>First paragraph.</p>" in html
    assert "<ul>\n<li>One</li>\n<li>Two</li>\n</ul>" in html
    assert "<strong>bold</strong>" in html


def test_script_tags_are_removed_with_their_content():
    """A <script> typed into a body is dropped entirely."""
    html = render_markdown("Hello <script>alert('x')</script> there")
    assert "<script" not in html
    assert "alert" not in html


def test_event_handlers_and_styles_are_stripped():
    """Attributes that run code or restyle the page are removed."""
    html = render_markdown('<p onclick="steal()" style="color:red">Hi</p><img src=x onerror=y>')
    assert "onclick" not in html
    assert "style=" not in html
    assert "<img" not in html
    assert "onerror" not in html


def test_javascript_links_lose_their_address():
    """A javascript: link keeps its words but cannot run anything."""
    html = render_markdown("[click me](javascript:alert(1))")
    assert "javascript:" not in html
    assert "click me" in html


def test_safe_links_keep_their_address_and_get_noopener():
    """Web, email and phone links work and cannot reach back into the page."""
    html = render_markdown("[Call](tel:+14136932852) or [read](https://example.org/a)")
    assert 'href="tel:+14136932852"' in html
    assert 'href="https://example.org/a"' in html
    assert 'rel="noopener noreferrer"' in html


def test_headings_in_a_body_never_compete_with_the_page_title():
    """A “# heading” typed in a body becomes a level-3 heading, never an h1 or h2."""
    html = render_markdown("# Big\n\n## Bigger")
    assert "<h1" not in html
    assert "<h2" not in html
    assert "<h3>Big</h3>" in html
