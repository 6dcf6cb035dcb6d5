/**
 * A worker entry for statistics chunks and compressed-CSV lanes only (the CLI's `stats`): its bundle leaves out
 * the grid's filter, example validation and the model runtimes that worker.ts carries, so each worker starts
 * sooner and holds less.
 */
import { statisticsJobs } from './statisticsJobs.js';
import { serveJobs } from './workerPort.js';

serveJobs(statisticsJobs, 'the statistics worker');
