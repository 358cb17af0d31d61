"""Moved to `congso.common.permissions` (the vocabulary sits below org and accounts).

Kept only so that branches written before the move still import; new code imports from
`congso.common.permissions`. Delete once no branch in flight names this module.
"""

from congso.common.permissions import (
    ROLE_CAPABILITIES,
    SECOND_FACTOR_ROLES,
    SELF_CAPABILITIES,
    SUBTREE_ROLES,
    Cap,
    Role,
    role_reaches_subtree,
)

__all__ = [
    "ROLE_CAPABILITIES",
    "SECOND_FACTOR_ROLES",
    "SELF_CAPABILITIES",
    "SUBTREE_ROLES",
    "Cap",
    "Role",
    "role_reaches_subtree",
]
