import { errorText, type ErrorText } from '../words/index.ts';

/** The statuses the API answers with. */
export type HttpStatus = 400 | 401 | 404 | 409 | 413 | 414 | 421 | 429 | 500 | 503;

/** An error at the HTTP edge: its status and a message for the client (sent as JSON). */
export class HttpError extends Error {
  /** HTTP status code (400 bad parameter, 401 no token, 404 unknown, 409 not analysed, 413/414 too large, 421 foreign Host, 429 too many scenario runs waiting, 503 too slow or stopping). */
  readonly status: HttpStatus;
  /** The message as a catalogue key with its values, when the catalogue has one: answered in the request's language. */
  readonly said?: ErrorText;
  constructor(status: HttpStatus, message: string | ErrorText) {
    super(typeof message === 'string' ? message : errorText('en', message));
    this.name = 'HttpError';
    this.status = status;
    if (typeof message !== 'string') this.said = message;
  }
}
