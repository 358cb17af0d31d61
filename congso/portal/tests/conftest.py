import pytest


@pytest.fixture
def sw(world):
    """The standard world plus survey targets: a counter and an officer in agency A, a counter
    in agency B, the province template."""
    from congso.surveys.tests.factories import build_survey_world

    return build_survey_world(world)


@pytest.fixture(autouse=True)
def _fresh_page_cache():
    """Database ids are reused between tests: start each with no kept page."""
    from congso.portal import survey_pages

    survey_pages.clear()
    yield
    survey_pages.clear()
