"""Decoupled hooks other apps listen to (style.md: signals only for decoupled hooks).

`violation_changed` is sent after the transaction commits when a misconduct finding is
confirmed or reversed on appeal, with `person_id`, `case_code` and `change` ("confirmed" or
"reversed"); the evaluation app marks existing classification results for review.
"""

from django.dispatch import Signal

violation_changed = Signal()
