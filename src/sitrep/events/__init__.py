"""PLOVER event coding with CAMEO codes: who did what to whom, from the parse."""
