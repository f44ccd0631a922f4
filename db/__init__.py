"""The case database: models, engine, migrations and queries. No Qt here."""
