"""Entities: typed name mentions found in a passage's clean text.

spaCy's statistical NER proposes spans; rules then fix what the guidelines define
differently: no leading `the`, no possessive, no titles, never across a sentence end, no
group nouns; EVENT, LAW and LOC names recognised from the shapes of names (`Treaty of X`,
`X Pact`, `X Conference`, `Operation X`, `X Sea`, `Gulf of X`); places typed from a gazetteer.

- `spans`: mentions, and a proposed span trimmed to a name;
- `shapes`: names found by rule;
- `model`: the model's mentions, cleaned up, with the rules';
- `evidence`: types by evidence, of one mention and of an entity across the corpus;
- `en`: the English lexicon; ingest.languages names each language's.
"""

from .evidence import is_locative, type_by_evidence
from .model import extract_mentions, extractor_version, load_model
from .spans import EDITION, Mention, Taken

__all__ = [
    "EDITION",
    "Mention",
    "Taken",
    "extract_mentions",
    "extractor_version",
    "load_model",
    "is_locative",
    "type_by_evidence",
]
