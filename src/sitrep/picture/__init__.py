"""The picture across documents: canonical actors, merged facts, time series, corrections."""

from sitrep.picture.api import Sitrep, open_db

__all__ = ["Sitrep", "open_db"]
