"""Pure rules of the annual classification and of the titles that follow from it.

No Django import anywhere in this package's rules: see docs/evaluation.md.
"""
