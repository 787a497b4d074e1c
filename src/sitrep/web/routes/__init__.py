"""One module per page; each serves the HTML page and its JSON twin under /api/."""
