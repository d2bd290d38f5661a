/** Why a company cannot talk to QBO right now: its jobs are left queued, not failed. */
export class QboConnectionError extends Error {
  constructor(
    readonly reason: 'not_connected' | 'reconnect_needed' | 'refresh_busy',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'QboConnectionError';
  }
}
