"""PostgreSQL refuses a constraint or index whose name is already taken by a table (every
constraint is a relation there), while SQLite accepts it: check the names on both."""

from django.apps import apps


def test_no_constraint_or_index_is_named_like_a_table_or_another_constraint():
    tables = {model._meta.db_table for model in apps.get_models()}
    seen: set[str] = set()
    clashes = []
    for model in apps.get_models():
        for item in [*model._meta.constraints, *model._meta.indexes]:
            if item.name in tables or item.name in seen:
                clashes.append(f"{model.__name__}: {item.name}")
            seen.add(item.name)
    assert clashes == []
