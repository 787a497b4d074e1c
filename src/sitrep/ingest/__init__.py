"""Ingest stage: read files, directories and stdin into normalized `Document`s.

`read_inputs` yields a `Document` per input document and an `IngestError` per input that
could not be read; it never raises for bad input.
"""

from sitrep.ingest.limits import Limits
from sitrep.ingest.normalize import make_document, normalize_text, text_hash
from sitrep.ingest.readers import read_inputs

__all__ = ["Limits", "make_document", "normalize_text", "read_inputs", "text_hash"]
