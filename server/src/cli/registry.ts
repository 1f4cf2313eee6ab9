// Every CLI verb, in the order the help lists them. Add a verb: write commands/<verb>.ts and list it here.
import type { CliCommand } from './command';
import { currentCommand } from './commands/current';
import { schemaCommand } from './commands/schema';

export const commands: CliCommand[] = [currentCommand, schemaCommand];
