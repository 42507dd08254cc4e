"""SQLAlchemy models, the SQLite engine, migrations, workspace safety and backups."""
