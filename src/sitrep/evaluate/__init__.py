"""Scoring: document facts against GOLD.md gold, and mention spans against re3d."""
