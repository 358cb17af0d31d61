"""Unit reports upward (issue 13 item 2): each unit's quarterly, half-year and annual report on
carrying out the directive, submitted to the unit above, reviewed and aggregated there.

Modules: rules (pure: states, periods, deadlines), models, selectors (reads with the actor),
services (the one writer), figures (the sections for a unit and a period), render (DOCX and
xlsx), reminders and inbox (urging), views and urls (pages under /bao-cao/dinh-ky/), demo.
"""
