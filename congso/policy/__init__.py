"""Versioned rule sets: pure Python, no Django (design.md §4, §5)."""
