// Every CLI verb, in the order the help lists them. Add a verb: write commands/<verb>.ts and list it here.
import type { CliCommand } from './command';
import { checkCommand } from './commands/check';
import { currentCommand } from './commands/current';
import { downgradeCommand } from './commands/downgrade';
import { driftCommand } from './commands/drift';
import { headsCommand } from './commands/heads';
import { historyCommand } from './commands/history';
import { revisionCommand } from './commands/revision';
import { roundtripCommand } from './commands/roundtrip';
import { schemaCommand } from './commands/schema';
import { sqlCommand } from './commands/sql';
import { stampCommand } from './commands/stamp';
import { upgradeCommand } from './commands/upgrade';

export const commands: CliCommand[] = [checkCommand, revisionCommand, sqlCommand, upgradeCommand, downgradeCommand, currentCommand, historyCommand, headsCommand, stampCommand, driftCommand, roundtripCommand, schemaCommand];
