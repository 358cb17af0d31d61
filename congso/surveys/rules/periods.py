"""Reporting periods (month, quarter, year) and their URL slugs.

The logic lives in `congso.common.params` (the one parser of query parameters every page uses);
this module keeps the names surveys code has always imported from its rules.
"""

from __future__ import annotations

from congso.common.params import FIRST_PERIOD_YEAR as FIRST_PERIOD_YEAR
from congso.common.params import Period as Period
from congso.common.params import parse_period as parse_period
from congso.common.params import period_of as period_of
from congso.common.params import previous_period as previous_period
