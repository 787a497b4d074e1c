"""sitrep: sourced, queryable facts from defence and security news."""

import os as _os

# One BLAS thread, set before NumPy loads. The models' matrices are too small for BLAS threads
# to help, and with OpenBLAS's thread running spaCy's entity recognizer took 5.2 s instead of
# 4.3 s on the same text (it takes and drops the GIL millions of times per batch, and locks
# cost more in a process with more than one thread). Set the variable yourself to override.
_os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

__version__ = '0.1.0'


def open(db=None):  # noqa: A001 - `sitrep.open(db)` reads like the builtin on purpose
    """Open a database (URL or SQLite path) for consolidated reads: `.picture("CAN")`,
    `.timeline(...)`, `.review()` and analyst corrections (see sitrep.picture)."""
    from sitrep.picture import open_db

    return open_db(db)
