/** An error at the HTTP edge: its status and a message for the client (sent as JSON). */
export class HttpError extends Error {
  /** HTTP status code (400 bad parameter, 401 no token, 404 unknown, 409 not analysed, 429 too many scenario runs waiting, 503 stopping). */
  readonly status: 400 | 401 | 404 | 409 | 429 | 500 | 503;
  constructor(status: 400 | 401 | 404 | 409 | 429 | 500 | 503, message: string) {
    super(message);
    this.name = 'HttpError';
    this.status = status;
  }
}
