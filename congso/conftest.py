import pytest


@pytest.fixture
def world(db):
    """The standard org tree and actors (see congso.common.testing)."""
    from congso.common.testing import build_world

    return build_world()
