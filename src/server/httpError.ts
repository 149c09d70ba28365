/** An error at the HTTP edge: its status and a message for the client (sent as JSON). */
export class HttpError extends Error {
  /** HTTP status code (400 bad parameter, 401 no token, 404 unknown, 409 not analysed). */
  readonly status: 400 | 401 | 404 | 409 | 500;
  constructor(status: 400 | 401 | 404 | 409 | 500, message: string) {
    super(message);
    this.name = 'HttpError';
    this.status = status;
  }
}
