// How a discovery run ends without a model: a type to recognise, not a message to match.

/** no candidate was proposed, or none could be fitted within the time budget */
export class NoModelError extends Error {
  override name = 'NoModelError';
  constructor(readonly reason: 'none-proposed' | 'none-fitted', message: string) {
    super(message);
  }
}

/** the caller's signal fired; named AbortError like the platform's own cancellations */
export class DiscoveryCancelled extends Error {
  override name = 'AbortError';
  constructor() { super('Discovery was cancelled.'); }
}

/** throws DiscoveryCancelled once the signal has fired */
export function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new DiscoveryCancelled();
}
