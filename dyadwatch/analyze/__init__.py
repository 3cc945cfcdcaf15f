"""Language analysis: sentences, tokens, parse and entities. spaCy lives here and nowhere else."""

from dyadwatch.analyze.nlp import load_nlp, parse, tokenize_phrase
from dyadwatch.analyze.text import Paragraph, split_article

__all__ = ["load_nlp", "parse", "tokenize_phrase", "Paragraph", "split_article"]
