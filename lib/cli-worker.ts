/**
 * One worker thread of `crosscheck check --jobs N`: builds its own engine on
 * the corpus it is handed, then checks one file per message until it is
 * terminated. Started by lib/cli-check.ts through bin/crosscheck-worker.mjs.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { checkFile, type WorkerResult, type WorkerSetup, type WorkerTask } from './cli-check';
import { Engine } from './engine';
import { loadKnowledgeBase } from './kb/index';

const port = parentPort;
if (!port) throw new Error('lib/cli-worker.ts runs in a worker thread only');
const setup = workerData as WorkerSetup;
const engine = new Engine(loadKnowledgeBase(), setup.articles);
port.on('message', (task: WorkerTask) => {
  const result: WorkerResult = { index: task.index, outcome: checkFile(engine, task.file, setup.date) };
  port.postMessage(result);
});
port.postMessage(null);
