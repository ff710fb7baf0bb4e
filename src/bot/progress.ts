/**
 * Edits one progress message at most once per `intervalMs` (Telegram rate-limits edits): updates that arrive in
 * between are coalesced into the latest, and `finish` makes sure the final text is shown.
 */
export class ThrottledEditor {
  private last: number;
  private pending: string | null = null;
  private timer: NodeJS.Timeout | null = null;
  private chain: Promise<void> = Promise.resolve();
  private finished = false;

  /** `edit` must not throw for harmless errors ("message is not modified"); other errors go to `onError`. */
  constructor(
    private readonly edit: (text: string) => Promise<void>,
    private readonly intervalMs: number,
    private readonly onError: (err: unknown) => void = () => {},
    private readonly now: () => number = Date.now,
  ) {
    // The message was just sent, which counts like an edit.
    this.last = now();
  }

  update(text: string): void {
    if (this.finished) return;
    this.pending = text;
    if (this.timer) return;
    const wait = this.last + this.intervalMs - this.now();
    if (wait <= 0) this.flush();
    else {
      this.timer = setTimeout(() => this.flush(), wait);
      this.timer.unref();
    }
  }

  /** Shows `text` as soon as the interval allows, and resolves once it (and every earlier edit) is done. */
  async finish(text: string): Promise<void> {
    this.finished = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.pending = null;
    const wait = this.last + this.intervalMs - this.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    this.run(text);
    await this.chain;
  }

  private flush(): void {
    this.timer = null;
    const text = this.pending;
    this.pending = null;
    if (text !== null && !this.finished) this.run(text);
  }

  private run(text: string): void {
    this.last = this.now();
    this.chain = this.chain.then(() => this.edit(text)).catch(this.onError);
  }
}
