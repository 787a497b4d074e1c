__version__ = '0.1.0'


def open(db=None):  # noqa: A001 - `sitrep.open(db)` reads like the builtin on purpose
    """Open a database (URL or SQLite path) for consolidated reads: `.picture("CAN")`,
    `.timeline(...)`, `.review()` and analyst corrections (see sitrep.picture)."""
    from sitrep.picture import open_db

    return open_db(db)
