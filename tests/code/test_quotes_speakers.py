"""Who said it: speakers named in an earlier sentence, by a name the dictionary lacks, by
"according to", by a pronoun, or by a role whose country the text gives elsewhere."""

from __future__ import annotations

from dyadwatch.model import Article
from dyadwatch.pipeline import code_articles


def speakers(text: str) -> list[tuple[str, str | None]]:
    coded = next(code_articles([Article.from_text(text)]))
    return [(q.text, q.speaker.code if q.speaker else None) for q in coded.quotes]


def speaker_of(text: str, words: str) -> str | None:
    return next(code for quoted, code in speakers(text) if words in quoted)


def test_a_quotation_standing_alone_is_the_previous_sentences_actor():
    text = ("Peru's interior minister announced a curfew in Lima on Thursday. \"Nobody will be "
            "allowed on the streets after ten at night. We will enforce it strictly.\"")
    assert speaker_of(text, "Nobody will be allowed") == "PERGOV"
    # words of its own around it: a banner is no one's we know
    text = "Peru's president spoke in Lima. \"No more corruption,\" read a banner at the rally."
    assert speaker_of(text, "No more corruption") is None


def test_a_name_the_dictionary_lacks_is_the_person_just_named_by_role():
    text = ("Ecuador's president declared a state of emergency in three provinces. "
            "\"Terrorists will not take over our country,\" Daniel Noboa said.")
    assert speaker_of(text, "Terrorists") == "ECUGOV"


def test_a_role_takes_the_country_of_the_place_its_phrase_names():
    text = ("The mayor of Kharkiv said Russian drones had hit two apartment blocks overnight. "
            "\"There are children among the wounded,\" he wrote on social media.")
    assert speaker_of(text, "Russian drones had hit") == "UKRGOV"
    assert speaker_of(text, "children among the wounded") == "UKRGOV"


def test_a_titled_role_speaks_for_the_country_the_sentence_before_was_about():
    text = ("The Venezuelan government accused Washington of piracy after U.S. forces seized "
            "a tanker. \"This is an act of international piracy,\" Foreign Minister Yvan Gil "
            "said.")
    assert speaker_of(text, "international piracy") == "VENGOV"


def test_according_to_a_role_in_a_story_about_a_place():
    text = ("According to local officials, at least 12 people were killed when gunmen "
            "attacked a village in Plateau state.")
    assert speaker_of(text, "12 people were killed") == "NGAGOV"


def test_international_bodies_keep_their_own_codes():
    text = "The World Health Organization warned that cholera was spreading in camps in Sudan."
    assert speaker_of(text, "cholera was spreading") == "IGOUNOHLH"
    text = "Human Rights Watch said Ethiopian soldiers had executed civilians in Amhara."
    assert speaker_of(text, "soldiers had executed") == "NGOHRI"


def test_a_spokespersons_body_from_the_words_around_it():
    text = "\"No room for talks with terrorists,\" Burkina Faso's military leader said."
    assert speaker_of(text, "No room for talks") == "BFAMIL"
    text = "\"This decision is a betrayal,\" the head of the Spanish farmers' union said."
    assert speaker_of(text, "betrayal") == "ESPLAB"
    # a specific role of its own is not overridden by its country
    text = "\"The terminal is secure,\" Libya's eastern commander said."
    assert speaker_of(text, "terminal is secure") == "LBYMIL"


def test_chanted_quotations_belong_to_the_crowd():
    text = "\"We want jobs, not bullets,\" protesters in Lagos chanted as police fired tear gas."
    assert speaker_of(text, "We want jobs") == "NGACVL"


def test_a_surname_refers_back_to_the_titled_name():
    text = ("Kenyan President William Ruto met protesters' representatives on Friday. "
            "\"I have heard you,\" Ruto said.")
    assert speaker_of(text, "I have heard you") == "KENGOV"


def test_its_spokesman_speaks_for_the_body_just_quoted():
    text = ("The Israeli military said it had struck targets in southern Lebanon. \"We will "
            "act against any threat,\" its spokesman said.")
    assert speaker_of(text, "act against any threat") == "ISRMIL"
