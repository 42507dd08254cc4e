from ownersrep.db import migrate


def test_head_constant_matches_alembic_head() -> None:
    # HEAD_REVISION lets a workspace at head open without importing Alembic; it must be
    # bumped with every new migration.
    assert migrate.alembic_head() == migrate.HEAD_REVISION
    assert migrate.is_known(migrate.HEAD_REVISION)
    assert not migrate.is_known("ffff9999")
