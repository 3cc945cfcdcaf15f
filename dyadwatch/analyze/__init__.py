"""Language analysis: sentences, tokens, parse and entities. spaCy lives here and nowhere else."""

from dyadwatch.analyze.nlp import doc_text, load_nlp, parse, span_text, tokenize_phrase
from dyadwatch.analyze.text import Paragraph, split_article

__all__ = ["Paragraph", "doc_text", "load_nlp", "parse", "span_text", "split_article",
           "tokenize_phrase"]
