// The multi-schema fixture and the edits its tests make (core/project/multiSchema and oracle/multiSchema).
import path from 'node:path';

export const MULTI_SCHEMA = path.resolve(__dirname, '../../../test-fixtures/multi-schema');
/** The LegacyLog model (audit.legacy_log) in the fixture's models.py: replaced by '' to drop it. */
export const LEGACY_MODEL = /class LegacyLog\(db\.Model\):[\s\S]*?(?=\n\nevent_tag)/;
/** app.py's Migrate(...) with include_schemas=True. */
export const WITH_SCHEMAS = 'migrate = Migrate(app, db, include_schemas=True)';
