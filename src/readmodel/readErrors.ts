/**
 * The read model's answers for what it cannot read, as `WorthError`s with the code that says
 * why: `not_found` (a customer not in the P&L), `workspace` (not analysed, or without a table a
 * newer `worth analyze` stores). Each output says them its own way (the server as 404 / 409); the
 * common ones carry their words-catalogue key, so the CLI says them in Dutch as in English.
 */
import { WorthError } from '../core/index.ts';
import type { ErrorText } from '../words/index.ts';

/** A customer that is not in the customer P&L. */
export function notInPnl(customerId: string): WorthError {
  return new WorthError('not_found', {}, customerId, 'a customer in the customer P&L', undefined, {
    key: 'customerNotInPnl',
    vars: { id: JSON.stringify(customerId) },
  });
}

/** The workspace has no customer P&L yet. */
export function notAnalysed(): WorthError {
  return new WorthError('workspace', {}, undefined, 'an analysed workspace', undefined, {
    key: 'notAnalysedYet',
  });
}

/** The workspace is not in the state a read needs; `detail` says what is missing and what to run (`said`: the same as a catalogue key, for the reader's language). */
export function workspaceLacks(detail: string, said?: ErrorText): WorthError {
  return new WorthError('workspace', {}, undefined, 'an analysed workspace', detail, said);
}
