/** A worker thread of the scenario pool: computes one run at a time (the scenario stage's `computeScenario`) and answers with the outcome or the error's message. */
import { parentPort } from 'node:worker_threads';
import { isUserError } from '../core/index.ts';
import { computeScenario, type ScenarioJob, type ScenarioOutcome } from '../scenario/index.ts';

/** The worker's answer to one job. */
export type WorkerAnswer =
  { ok: true; outcome: ScenarioOutcome } | { ok: false; message: string; userError: boolean };

const port = parentPort;
if (port) {
  port.on('message', (job: ScenarioJob) => {
    let answer: WorkerAnswer;
    try {
      answer = { ok: true, outcome: computeScenario(job) };
    } catch (e) {
      answer = {
        ok: false,
        message: e instanceof Error ? (e.stack ?? e.message) : String(e),
        userError: isUserError(e),
      };
      if (answer.userError) answer.message = (e as Error).message;
    }
    port.postMessage(answer);
  });
}
