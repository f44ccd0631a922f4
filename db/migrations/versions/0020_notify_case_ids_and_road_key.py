"""PostgreSQL: a change notice names the cases it touched (ids only); households: the
building key without its 구, with its own index

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-04 03:20:00

The notice (LISTEN anbu_changes) is ``table:op:ids``: the table written, I/U/D, and the
case ids the statement's rows belong to (``cases.id``, or the row's ``case_id``), sorted,
comma-separated; ``*`` instead of the ids when there are more than fit comfortably in a
payload (PostgreSQL's limit is 8000 bytes): "many, reload all". Never personal data.
Statement triggers with transition tables (one trigger per event: PostgreSQL allows
transition tables only on single-event triggers), so every path that writes is announced,
the services and a psql session alike. SQLite needs no triggers: its data_version tells a
reader that something changed.

``households.road_key``: ``road|number`` of the building key, computed by the database
(SQLite can add a generated column only as VIRTUAL, PostgreSQL before 18 only as STORED);
an address without its 구 is looked up by it through its own index instead of a suffix
LIKE that read the whole table.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0020"
down_revision: str | None = "0019"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Each table written by case work, with the column naming the case of its rows.
TABLES = {
    "cases": "id",
    "alerts": "case_id",
    "link_suggestions": "case_id",
    "counselling_records": "case_id",
    "case_status_changes": "case_id",
    "support_links": "case_id",
}
# Ids a notice names at most (ten digits and a comma each: well inside 8000 bytes).
MAX_IDS = 500
EVENTS = {
    "INSERT": "REFERENCING NEW TABLE AS anbu_new",
    "UPDATE": "REFERENCING NEW TABLE AS anbu_new OLD TABLE AS anbu_old",
    "DELETE": "REFERENCING OLD TABLE AS anbu_old",
}

NOTIFY_IDS = f"""
CREATE FUNCTION anbu_notify_case_ids() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    rows_source text;
    touched bigint;
    ids text;
    how_many integer;
BEGIN
    IF TG_OP = 'INSERT' THEN
        rows_source := format('SELECT %1$I AS id FROM anbu_new', TG_ARGV[0]);
    ELSIF TG_OP = 'DELETE' THEN
        rows_source := format('SELECT %1$I AS id FROM anbu_old', TG_ARGV[0]);
    ELSE
        rows_source := format(
            'SELECT %1$I AS id FROM anbu_new UNION ALL SELECT %1$I FROM anbu_old', TG_ARGV[0]
        );
    END IF;
    EXECUTE format('SELECT count(*) FROM (%s LIMIT 1) r', rows_source) INTO touched;
    IF touched = 0 THEN
        RETURN NULL;  -- a statement that wrote nothing tells nobody anything
    END IF;
    EXECUTE format(
        'SELECT count(*), string_agg(id::text, '','' ORDER BY id) FROM '
        '(SELECT DISTINCT id FROM (%s) r WHERE id IS NOT NULL LIMIT {MAX_IDS + 1}) d',
        rows_source
    ) INTO how_many, ids;
    IF how_many > {MAX_IDS} THEN
        ids := '*';
    END IF;
    PERFORM pg_notify(
        'anbu_changes', TG_TABLE_NAME || ':' || left(TG_OP, 1) || ':' || coalesce(ids, '')
    );
    RETURN NULL;
END
$$
"""

# As migration 0014 made it: the table's name for every statement.
NOTIFY_TABLE = """
CREATE FUNCTION anbu_notify_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('anbu_changes', TG_TABLE_NAME);
    RETURN NULL;
END
$$
"""
STORED_PG = "substr(building_key, strpos(building_key, '|') + 1)"
VIRTUAL_SQLITE = "substr(building_key, instr(building_key, '|') + 1)"


def upgrade() -> None:
    postgresql = op.get_bind().dialect.name == "postgresql"
    op.add_column(
        "households",
        sa.Column(
            "road_key",
            sa.String(length=200),
            sa.Computed(STORED_PG if postgresql else VIRTUAL_SQLITE, persisted=postgresql),
        ),
    )
    op.create_index("ix_households_road_key", "households", ["road_key"])
    if not postgresql:
        return
    for table in TABLES:
        op.execute(f"DROP TRIGGER {table}_notify ON {table}")
    op.execute("DROP FUNCTION anbu_notify_change()")
    op.execute(NOTIFY_IDS)
    for table, column in TABLES.items():
        for event, referencing in EVENTS.items():
            op.execute(
                f"CREATE TRIGGER {table}_notify_{event.lower()} AFTER {event} ON {table} "
                f"{referencing} FOR EACH STATEMENT "
                f"EXECUTE FUNCTION anbu_notify_case_ids('{column}')"
            )


def downgrade() -> None:
    postgresql = op.get_bind().dialect.name == "postgresql"
    if postgresql:
        for table in TABLES:
            for event in EVENTS:
                op.execute(f"DROP TRIGGER {table}_notify_{event.lower()} ON {table}")
        op.execute("DROP FUNCTION anbu_notify_case_ids()")
        op.execute(NOTIFY_TABLE)
        for table in TABLES:
            op.execute(
                f"CREATE TRIGGER {table}_notify AFTER INSERT OR UPDATE OR DELETE ON {table} "
                "FOR EACH STATEMENT EXECUTE FUNCTION anbu_notify_change()"
            )
    op.drop_index("ix_households_road_key", table_name="households")
    with op.batch_alter_table("households") as batch_op:
        batch_op.drop_column("road_key")
