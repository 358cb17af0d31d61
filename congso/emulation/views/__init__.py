"""Pages of the emulation app: staff pages by topic (plans, proposals, council, decisions,
catalogue) and the public honour roll and certificate verification (public)."""
