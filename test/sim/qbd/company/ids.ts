/**
 * QuickBooks identifier shapes: ListIDs `80000001-1700000000` (hex counter from 0x80000001,
 * then the creation epoch), TxnIDs `1A-1700000000` (small hex counter), EditSequence = epoch
 * seconds of the last change, forced to grow so two edits in one second still differ.
 */
export interface Clock {
  now(): Date;
}

export class IdFactory {
  #list = 0x80000000;
  #txn = 0;
  #txnNumber = 0;
  #lastSeq = 0;
  #lineSeq = 0;

  constructor(
    private readonly clock: Clock,
    private readonly utcOffsetMinutes: number,
  ) {}

  epoch(): number {
    return Math.floor(this.clock.now().getTime() / 1000);
  }

  listId(): string {
    this.#list += 1;
    return `${this.#list.toString(16).toUpperCase()}-${this.epoch()}`;
  }

  txnId(): string {
    this.#txn += 1;
    return `${this.#txn.toString(16).toUpperCase()}-${this.epoch()}`;
  }

  txnLineId(): string {
    this.#lineSeq += 1;
    return `${this.#lineSeq.toString(16).toUpperCase()}-${this.epoch()}`;
  }

  txnNumber(): number {
    this.#txnNumber += 1;
    return this.#txnNumber;
  }

  editSequence(): string {
    this.#lastSeq = Math.max(this.epoch(), this.#lastSeq + 1);
    return String(this.#lastSeq);
  }

  /** DATETIMETYPE in the company's local offset, e.g. `2023-11-14T14:13:20-05:00`. */
  timestamp(): string {
    const d = new Date(this.clock.now().getTime() + this.utcOffsetMinutes * 60_000);
    const off = Math.abs(this.utcOffsetMinutes);
    const sign = this.utcOffsetMinutes < 0 ? '-' : '+';
    const hh = String(Math.floor(off / 60)).padStart(2, '0');
    const mm = String(off % 60).padStart(2, '0');
    return `${d.toISOString().slice(0, 19)}${sign}${hh}:${mm}`;
  }

  today(): string {
    return this.timestamp().slice(0, 10);
  }
}
