"""A CTFd-style app: the core history in migrations/, and a plugin with its own migrations folder
(arena/plugins/badges/migrations/) that the app's plugin loader upgrades after the core's, recording
its version in the app's own config table (not in alembic_version)."""
