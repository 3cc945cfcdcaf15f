"""Language analysis: sentences, tokens, parse and entities. spaCy lives here and nowhere else."""

from dyadwatch.analyze.nlp import load_nlp, parse, tokenize_phrase
from dyadwatch.analyze.text import Paragraph, split_article

__all__ = ["Paragraph", "load_nlp", "parse", "split_article", "tokenize_phrase"]
