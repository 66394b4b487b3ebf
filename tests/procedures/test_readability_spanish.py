"""Spanish reading ease (INFLESZ and Fernández-Huerta) of what a reader sees."""

import textstat

from procedures.readability import reading_grade, spanish_scores

PARAGRAPH = (
    "La quimioterapia es una medicina que trata el cáncer en todo el cuerpo. "
    "Muchas veces se da por una vena del brazo o del pecho. "
    "Puede necesitarla muchas veces durante semanas o meses. "
    "Un pinchazo nuevo cada vez puede ser duro para usted y para sus venas."
)


def test_the_scores_match_textstat_on_a_plain_paragraph():
    """Where every sentence has three words or more, both scores equal textstat's own."""
    scores = spanish_scores([PARAGRAPH])
    textstat.set_lang("es")
    try:
        inflesz = textstat.szigriszt_pazos(PARAGRAPH)
        fernandez_huerta = textstat.fernandez_huerta(PARAGRAPH)
    finally:
        textstat.set_lang("en_US")
    # textstat starts INFLESZ at 206.84 instead of Szigriszt's 206.835.
    assert abs(scores.inflesz - inflesz) < 0.01
    assert abs(scores.fernandez_huerta - fernandez_huerta) < 0.001


def test_short_list_items_count_as_sentences():
    """A list scores as short sentences, not one long run-on sentence."""
    items = ["Dolor en el pecho", "Desmayo", "Hinchazón en la cara"]
    as_list = spanish_scores(items)
    as_run_on = spanish_scores([" ".join(items)])
    assert as_list.inflesz > as_run_on.inflesz
    assert as_list.fernandez_huerta > as_run_on.fernandez_huerta


def test_a_decimal_number_is_not_a_sentence_break():
    """'100.4' inside a sentence does not split it in two (textstat's own count does)."""
    with_decimal = spanish_scores(["Fiebre de 100.4 °F o más, o escalofríos con frío."])
    with_whole = spanish_scores(["Fiebre de 1004 °F o más, o escalofríos con frío."])
    assert with_decimal == with_whole


def test_english_measures_are_unchanged_after_a_spanish_score():
    """textstat's language is global: it is back to its default, American English, afterwards.

    Plain "en" would not do: pyphen would then split English words by its British dictionary.
    """
    english = ["Chemotherapy is given into a vein.", "A port makes this easier."]
    textstat.set_lang("en_US")  # textstat's default, whatever an earlier test left
    grade_before = reading_grade(english)
    syllables_before = textstat.syllable_count("quimioterapia")
    spanish_scores([PARAGRAPH])
    assert reading_grade(english) == grade_before
    assert textstat.syllable_count("quimioterapia") == syllables_before


def test_no_words_scores_zero():
    """Empty blocks give zero scores rather than dividing by zero."""
    assert spanish_scores(["", "  "]).inflesz == 0.0
