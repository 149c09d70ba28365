/** A worker thread of the scenario pool: computes one run at a time (the scenario stage's `computeScenario`) and answers with the outcome or the error. */
import { parentPort } from 'node:worker_threads';
import { isUserError, WorthError, type ErrorCode, type Location } from '../core/index.ts';
import { computeScenario, type ScenarioJob, type ScenarioOutcome } from '../scenario/index.ts';
import type { ErrorText } from '../words/index.ts';

/** A `WorthError` as data, to cross to the server's thread (an Error loses its class there) and be said in the request's language. */
export interface WorthErrorData {
  code: ErrorCode;
  location: Location;
  value: unknown;
  expected: string;
  message: string;
  said?: ErrorText;
}

/** The worker's answer to one job. */
export type WorkerAnswer =
  | { ok: true; outcome: ScenarioOutcome }
  | { ok: false; message: string; userError: boolean; worth?: WorthErrorData };

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
      if (e instanceof WorthError)
        answer.worth = {
          code: e.code,
          location: e.location,
          value: typeof e.value === 'object' && e.value !== null ? String(e.value) : e.value,
          expected: e.expected,
          message: e.message,
          ...(e.said ? { said: e.said } : {}),
        };
    }
    port.postMessage(answer);
  });
}
