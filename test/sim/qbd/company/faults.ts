import { comError, type QbComError, type QbStatus } from './status.js';

export interface HresultFault {
  hresult: string;
  message?: string;
}

/**
 * Fault knobs for tests. Each queue is consumed in order: `failNextRequests(2, …)` makes the next
 * two ProcessRequest calls throw; `statusNextRequests` answers individual requests with a status
 * (e.g. 3175 record in use) without running them; `failNextOpen` makes BeginSession fail.
 */
export class FaultInjector {
  #request: QbComError[] = [];
  #status: QbStatus[] = [];
  #open: QbComError[] = [];
  #afterCommit: QbComError[] = [];

  failNextRequests(count: number, fault: HresultFault): this {
    for (let i = 0; i < count; i += 1) this.#request.push(comError(fault.hresult, fault.message));
    return this;
  }

  /** QB commits the message, then ProcessRequest still throws — the caller cannot know it landed. */
  failAfterCommit(count: number, fault: HresultFault): this {
    for (let i = 0; i < count; i += 1) this.#afterCommit.push(comError(fault.hresult, fault.message));
    return this;
  }

  statusNextRequests(count: number, status: QbStatus): this {
    for (let i = 0; i < count; i += 1) this.#status.push(status);
    return this;
  }

  failNextOpen(count: number, fault: HresultFault): this {
    for (let i = 0; i < count; i += 1) this.#open.push(comError(fault.hresult, fault.message));
    return this;
  }

  clear(): void {
    this.#request = [];
    this.#status = [];
    this.#open = [];
    this.#afterCommit = [];
  }

  takeRequestFault(): QbComError | undefined {
    return this.#request.shift();
  }

  takeAfterCommitFault(): QbComError | undefined {
    return this.#afterCommit.shift();
  }

  takeStatusFault(): QbStatus | undefined {
    return this.#status.shift();
  }

  takeOpenFault(): QbComError | undefined {
    return this.#open.shift();
  }
}
