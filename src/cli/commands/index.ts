/** The registry of CLI commands, in the order `facetwise --help` lists them. */
import type { CliCommand } from '../cliIo.js';
import { compareCommand } from './compare.js';
import { compareModelsCommand } from './compareModels.js';
import { evaluateCommand } from './evaluate.js';
import { explainCommand } from './explain.js';
import { inferSchemaCommand } from './inferSchema.js';
import { modelInitCommand } from './modelInit.js';
import { predictCommand } from './predict.js';
import { statsCommand } from './stats.js';
import { validateCommand } from './validate.js';

export const commands: readonly CliCommand[] = [
  statsCommand,
  inferSchemaCommand,
  validateCommand,
  compareCommand,
  modelInitCommand,
  predictCommand,
  explainCommand,
  evaluateCommand,
  compareModelsCommand,
];
