import { MINOR_VERSION } from '../endpoints';
import { parseFault, type QboFault } from './fault';
import { type LimiterWindow, QBO_LIMITS, RealmLimiter, type RealmLimits } from './limiter';

export interface Usage {
  reads: number;
  writes: number;
  requests: number;
  throttled: number;
}

export type ApiResult =
  /** `retried`: the answer is to a retry of a write whose earlier try may have landed (same requestid). */
  | { kind: 'ok'; status: number; json: any; text: string; retried?: boolean }
  /** QBO answered with a fault (4xx, or a 5xx SystemFault after retries). */
  | { kind: 'fault'; status: number; fault: QboFault; text: string; retried?: boolean }
  | { kind: 'throttled'; status: 429; text: string }
  /** No usable answer after retries: a write may or may not have happened. */
  | { kind: 'lost'; message: string };

export interface QboApiOptions {
  baseUrl: string;
  realmId: string;
  /** Returns a token; with `staleVersion` it must refresh if that version is still current. */
  getToken: (staleVersion?: number) => Promise<{ token: string; version: number }>;
  clock: () => number;
  sleep: (ms: number) => Promise<void>;
  retryBaseMs: number;
  limits?: RealmLimits;
  /** The previous run's last minute of requests to this realm. */
  limiterWindow?: LimiterWindow;
  timeoutMs?: number;
  maxRetries?: number;
  /** Epoch ms the run must end by: a rate-limit wait past it ends the call as throttled. */
  deadline?: number;
  fetch?: typeof fetch;
}

export interface ApiRequest {
  method: 'GET' | 'POST';
  /** Below /v3/company/{realmId}, e.g. "/batch". */
  path: string;
  query?: Record<string, string>;
  body?: unknown;
  /** Reads are metered by Intuit (CorePlus); writes are not. */
  read: boolean;
  batch?: boolean;
}

/**
 * The QBO v3 client for one realm within one run: minorversion on every call, the realm's
 * limits, 5xx/timeout retries with backoff (safe because every write carries a requestid), one
 * token refresh on 401, and counts of what it spent.
 */
export class QboApi {
  readonly usage: Usage = { reads: 0, writes: 0, requests: 0, throttled: 0 };
  readonly limiter: RealmLimiter;

  constructor(readonly options: QboApiOptions) {
    this.limiter = new RealmLimiter(options.limits ?? QBO_LIMITS, options.clock, options.sleep, options.limiterWindow);
  }

  async call(req: ApiRequest): Promise<ApiResult> {
    const o = this.options;
    const url = new URL(`${o.baseUrl}/v3/company/${o.realmId}${req.path}`);
    url.searchParams.set('minorversion', MINOR_VERSION);
    for (const [k, v] of Object.entries(req.query ?? {})) url.searchParams.set(k, v);
    let token = await o.getToken();
    let refreshed = false;
    const maxRetries = o.maxRetries ?? 3;
    // A write that got no answer or a 5xx may have been applied: if its retry is then cut off
    // (429, time box), the caller must treat it as sent without an answer, never as not sent.
    let unanswered: string | null = null;
    const cutOff = (why: string): ApiResult =>
      unanswered && !req.read
        ? { kind: 'lost', message: `No usable answer from QuickBooks Online (${unanswered}), and the retry was cut off (${why})` }
        : { kind: 'throttled', status: 429, text: why };
    for (let attempt = 0; ; attempt++) {
      const release = await this.limiter.acquire(req.batch === true, o.deadline);
      // Our own limiter would wait past the run's time box: stop like a 429, the rest goes next run.
      if (!release) return cutOff('The run reached its time limit while waiting for QuickBooks Online rate limits');
      let res: Response;
      let text: string;
      try {
        res = await (o.fetch ?? fetch)(url, {
          method: req.method,
          headers: { authorization: `Bearer ${token.token}`, accept: 'application/json', ...(req.body !== undefined && { 'content-type': 'application/json' }) },
          body: req.body === undefined ? undefined : JSON.stringify(req.body),
          signal: AbortSignal.timeout(o.timeoutMs ?? 30_000),
        });
        text = await res.text();
      } catch (error) {
        release();
        this.usage.requests += 1;
        unanswered = `${(error as Error).name}: ${(error as Error).message}`;
        if (attempt < maxRetries) {
          await o.sleep(this.#backoff(attempt));
          continue;
        }
        return { kind: 'lost', message: `No answer from QuickBooks Online (${(error as Error).name}: ${(error as Error).message})` };
      }
      release();
      if (res.status === 429) {
        this.usage.throttled += 1;
        return unanswered && !req.read ? cutOff('QuickBooks Online answered 429 to the retry') : { kind: 'throttled', status: 429, text };
      }
      this.usage.requests += 1;
      if (req.read) {
        if (res.ok) this.usage.reads += 1;
      } else this.usage.writes += 1;
      if (res.status === 401 && !refreshed) {
        refreshed = true;
        token = await o.getToken(token.version);
        continue;
      }
      let json: unknown = null;
      try {
        json = JSON.parse(text);
      } catch {
        json = null;
      }
      if (res.status >= 500) {
        unanswered = `HTTP ${res.status}`;
        if (attempt < maxRetries) {
          await o.sleep(this.#backoff(attempt));
          continue;
        }
        const fault = parseFault(text, json);
        return fault ? { kind: 'fault', status: res.status, fault, text } : { kind: 'lost', message: `QuickBooks Online answered HTTP ${res.status} ${attempt + 1} times` };
      }
      const fault = parseFault(text, json);
      const retried = unanswered !== null && !req.read;
      if (!res.ok || (fault && req.batch !== true)) {
        return { kind: 'fault', status: res.status, fault: fault ?? { type: 'HTTP', errors: [{ code: String(res.status), message: `HTTP ${res.status}`, detail: text.slice(0, 300) }] }, text, ...(retried && { retried }) };
      }
      if (json === null) return { kind: 'lost', message: `QuickBooks Online answered HTTP ${res.status} with a body that is not JSON` };
      return { kind: 'ok', status: res.status, json, text, ...(retried && { retried }) };
    }
  }

  #backoff(attempt: number): number {
    const base = this.options.retryBaseMs * 2 ** attempt;
    return base + Math.floor(Math.random() * base * 0.25);
  }
}
