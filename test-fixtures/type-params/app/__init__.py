"""Type parameters given on one side only (issue 11, class 4; redash's users.profile_image_url,
pgAdmin's database.schema_res): Alembic compares a length or precision only when both sides give
one, so these are no change; a length both sides give and that differs is one."""
