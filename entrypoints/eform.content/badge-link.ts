/**
 * The content script's line to the background: port `badge`. It posts
 * `page:patient` / `page:cleared` and receives only LookupStatus (no patient
 * data). A new patient gets a new port, so no status of the previous lookup
 * can arrive after it. When the service worker is stopped the port drops:
 * reconnect with backoff and post the current message again first.
 */
import type { Browser } from 'wxt/browser';
import { readBadgePortMessage } from '../../lib/badge-port-message.ts';
import { PORTS } from '../../lib/extension-ports.ts';
import type { ContentToBackground, LookupStatus } from '../../lib/messages.ts';

type Port = Browser.runtime.Port;

export interface BadgeLinkDeps {
  connect: (name: string) => Port;
  isValid: () => boolean;
  setTimeout: (fn: () => void, ms: number) => unknown;
  onStatus: (status: LookupStatus) => void;
  /** Reads (and so clears) the browser's `runtime.lastError`, so a failed connection logs nothing in the host page. */
  readLastError?: () => unknown;
}

const BACKOFF_MS = [50, 200, 500, 1000, 2000, 5000] as const;

export class BadgeLink {
  private port: Port | undefined;
  private current: ContentToBackground | undefined;
  private attempt = 0;
  private generation = 0;

  constructor(private readonly deps: BadgeLinkDeps) {}

  /** A new patient (or none): drop the old port and post `message` on a fresh one. */
  start(message: ContentToBackground): void {
    this.current = message;
    this.attempt = 0;
    this.open();
  }

  /** Same patient, new details (e.g. the page's own lines changed): post on the current port. */
  update(message: ContentToBackground): void {
    this.current = message;
    if (!this.port) return this.open();
    try {
      this.port.postMessage(message);
    } catch {
      this.open();
    }
  }

  stop(): void {
    this.generation++;
    this.drop();
    this.current = undefined;
  }

  private drop(): void {
    const port = this.port;
    this.port = undefined;
    if (!port) return;
    try {
      port.disconnect();
    } catch {
      // already gone
    }
  }

  private open(): void {
    this.drop();
    const generation = ++this.generation;
    if (!this.deps.isValid() || !this.current) return;
    let port: Port;
    try {
      port = this.deps.connect(PORTS.badge);
    } catch {
      // The extension was reloaded or updated: this content script is orphaned.
      return;
    }
    this.port = port;
    port.onMessage.addListener((raw: unknown) => {
      if (generation !== this.generation) return;
      const message = readBadgePortMessage(raw);
      if (!message) return;
      this.attempt = 0;
      this.deps.onStatus(message.status);
    });
    port.onDisconnect.addListener(() => {
      this.deps.readLastError?.();
      if (generation !== this.generation) return;
      this.port = undefined;
      this.scheduleReconnect(generation);
    });
    try {
      port.postMessage(this.current);
    } catch {
      // onDisconnect follows and reconnects
    }
  }

  private scheduleReconnect(generation: number): void {
    if (!this.deps.isValid() || !this.current) return;
    const delay = BACKOFF_MS[Math.min(this.attempt, BACKOFF_MS.length - 1)]!;
    this.attempt++;
    this.deps.setTimeout(() => {
      if (generation === this.generation) this.open();
    }, delay);
  }
}
