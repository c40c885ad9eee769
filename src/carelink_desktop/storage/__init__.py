"""Encrypted storage: SQLCipher engine, key slots, tables, migrations, audit log and backups."""
