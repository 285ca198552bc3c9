/**
 * An extension page's line to the background (ports `panel` and
 * `sidepanel`): receives PanelState (validated), posts requests, and
 * reconnects when the service worker restarts, re-posting what the page
 * asked for (`replay`) first.
 */
import type { Browser } from 'wxt/browser';
import { PanelPortMessage, type PanelState } from '../lib/messages.ts';

type Port = Browser.runtime.Port;

export interface PanelPortDeps {
  connect: (name: string) => Port;
  onState: (state: PanelState) => void;
  /** Messages to post first on every (re)connection. */
  replay: () => readonly unknown[];
  setTimeout?: (fn: () => void, ms: number) => unknown;
  /** Reads (and so clears) `runtime.lastError` after a failed connection. */
  readLastError?: () => unknown;
}

const BACKOFF_MS = [50, 200, 500, 1000, 2000, 5000] as const;

export class PanelPortClient {
  private port: Port | undefined;
  private attempt = 0;
  private closed = false;

  constructor(
    private readonly name: string,
    private readonly deps: PanelPortDeps,
  ) {}

  open(): void {
    if (this.closed) return;
    let port: Port;
    try {
      port = this.deps.connect(this.name);
    } catch {
      this.retry();
      return;
    }
    this.port = port;
    port.onMessage.addListener((raw: unknown) => {
      const parsed = PanelPortMessage.safeParse(raw);
      if (!parsed.success) return;
      this.attempt = 0;
      this.deps.onState(parsed.data.state);
    });
    port.onDisconnect.addListener(() => {
      this.deps.readLastError?.();
      if (this.port === port) this.port = undefined;
      this.retry();
    });
    for (const message of this.deps.replay()) this.post(message);
  }

  post(message: unknown): void {
    if (!this.port) return;
    try {
      this.port.postMessage(message);
    } catch {
      // onDisconnect follows and reconnects (replaying what matters)
    }
  }

  close(): void {
    this.closed = true;
    try {
      this.port?.disconnect();
    } catch {
      // already gone
    }
    this.port = undefined;
  }

  private retry(): void {
    if (this.closed) return;
    const delay = BACKOFF_MS[Math.min(this.attempt, BACKOFF_MS.length - 1)]!;
    this.attempt++;
    (this.deps.setTimeout ?? setTimeout)(() => this.open(), delay);
  }
}
