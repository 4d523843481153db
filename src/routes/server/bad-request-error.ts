/**
 * A request the server cannot read as it says it is (a malformed body, an unsupported content
 * type): answered with its 4xx status and this message, which describes the request only.
 */
export class BadRequestError extends Error {
  override readonly name = 'BadRequestError';
  constructor(
    message: string,
    readonly statusCode = 400,
  ) {
    super(message);
  }
}
