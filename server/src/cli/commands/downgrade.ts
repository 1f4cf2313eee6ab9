// `migration-guard downgrade DIR [REV]`: revert migrations (default one step), same engine as upgrade.
import { makeMigrateCommand } from './upgrade';

export const downgradeCommand = makeMigrateCommand('downgrade');
