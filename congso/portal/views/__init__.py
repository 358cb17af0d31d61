"""Citizen pages. One module per capability; other apps' public pages add modules here."""

from congso.portal.views.index import portal_index, switch_language
from congso.portal.views.surveys import agency_scorecard, survey_form, survey_thanks

__all__ = ["agency_scorecard", "portal_index", "survey_form", "survey_thanks", "switch_language"]
