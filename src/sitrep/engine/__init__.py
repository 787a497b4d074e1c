"""Engines that run extraction over many documents: `local` uses worker processes."""
