// How a discovery run ends without a model: a type to recognise, not a message to match.

/** no candidate was proposed, or none could be fitted within the time budget */
export class NoModelError extends Error {
  override name = 'NoModelError';
  constructor(readonly reason: 'none-proposed' | 'none-fitted', message: string) {
    super(message);
  }
}
