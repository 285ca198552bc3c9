/** A minimal runtime.Port double: records posts, lets the test deliver messages and disconnects. */
export class FakePort {
  posted: unknown[] = [];
  disconnected = false;
  private messageListeners: ((m: unknown) => void)[] = [];
  private disconnectListeners: (() => void)[] = [];
  constructor(readonly name: string) {}
  onMessage = { addListener: (fn: (m: unknown) => void) => void this.messageListeners.push(fn) };
  onDisconnect = { addListener: (fn: () => void) => void this.disconnectListeners.push(fn) };
  postMessage(m: unknown) {
    if (this.disconnected) throw new Error('Attempting to use a disconnected port object');
    this.posted.push(m);
  }
  disconnect() {
    this.disconnected = true;
  }
  /** The background sends a message. */
  deliver(m: unknown) {
    for (const fn of this.messageListeners) fn(m);
  }
  /** The other end went away (service worker stopped). */
  drop() {
    this.disconnected = true;
    for (const fn of this.disconnectListeners) fn();
  }
}

/** Runs timers by hand. */
export class ManualTimers {
  private queue: { at: number; fn: () => void }[] = [];
  now = 0;
  setTimeout = (fn: () => void, ms: number) => {
    this.queue.push({ at: this.now + ms, fn });
    return this.queue.length;
  };
  advance(ms: number) {
    this.now += ms;
    const due = this.queue.filter((t) => t.at <= this.now);
    this.queue = this.queue.filter((t) => t.at > this.now);
    for (const t of due) t.fn();
  }
}
