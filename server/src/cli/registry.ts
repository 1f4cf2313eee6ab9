// Every CLI verb, in the order the help lists them. Add a verb: write commands/<verb>.ts and list it here.
import type { CliCommand } from './command';
import { currentCommand } from './commands/current';

export const commands: CliCommand[] = [currentCommand];
