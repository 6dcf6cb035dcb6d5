/** The registry of CLI commands, in the order `facetwise --help` lists them. */
import type { CliCommand } from '../cliIo.js';
import { statsCommand } from './stats.js';

export const commands: readonly CliCommand[] = [statsCommand];
