/** The app's clock: every time-dependent decision reads it, never the database's now(). */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock tests and the sandbox can move; it keeps running from wherever it was set. */
export class SettableClock implements Clock {
  private offsetMs = 0;
  private frozenAt: number | undefined;

  constructor(start?: Date, options: { frozen?: boolean } = {}) {
    if (start) this.set(start);
    if (options.frozen) this.frozenAt = (start ?? new Date()).getTime();
  }

  now(): Date {
    return new Date(this.frozenAt ?? Date.now() + this.offsetMs);
  }

  set(at: Date): void {
    if (this.frozenAt !== undefined) this.frozenAt = at.getTime();
    else this.offsetMs = at.getTime() - Date.now();
  }

  advance(ms: number): void {
    this.set(new Date(this.now().getTime() + ms));
  }
}
