/** The registry of CLI commands, in the order `facetwise --help` lists them. */
import type { CliCommand } from '../cliIo.js';

export const commands: readonly CliCommand[] = [];
