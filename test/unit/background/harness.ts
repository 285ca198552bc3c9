/**
 * Test doubles for the background services: events, ports (WXT's fakeBrowser
 * has no runtime.connect), a companion behind a counting fake fetch, a clock,
 * and a quiet log that records refusals.
 */
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { ConsultResponse } from '../../../lib/companion/contract.ts';
import type {
  BackgroundApi,
  EventLike,
  MessageListener,
  PortLike,
  RegisteredScript,
  SenderLike,
} from '../../../lib/background/extension-api.ts';
import type { BackgroundLog } from '../../../lib/background/log.ts';
import type { HistoryBuilder } from '../../../lib/background/history-builder.ts';

export const EXTENSION_ID = 'test-extension-id';
export const EXTENSION_ORIGIN = `chrome-extension://${EXTENSION_ID}`;

export interface FakeEvent<F extends (...args: never[]) => unknown> extends EventLike<F> {
  fire(...args: Parameters<F>): Array<ReturnType<F>>;
  readonly size: number;
}

export function fakeEvent<F extends (...args: never[]) => unknown>(): FakeEvent<F> {
  const listeners = new Set<F>();
  return {
    addListener: (f) => void listeners.add(f),
    removeListener: (f) => void listeners.delete(f),
    fire: (...args) => [...listeners].map((l) => l(...args) as ReturnType<F>),
    get size() {
      return listeners.size;
    },
  };
}

export interface FakeApi extends BackgroundApi {
  onMessage: FakeEvent<MessageListener>;
  onConnect: FakeEvent<(port: PortLike) => void>;
  onTabRemoved: FakeEvent<(tabId: number) => void>;
  registered: Map<string, RegisteredScript>;
  granted: Set<string>;
  removedPermissions: string[];
}

export function fakeApi(): FakeApi {
  const registered = new Map<string, RegisteredScript>();
  const granted = new Set<string>();
  const removedPermissions: string[] = [];
  return {
    extensionId: EXTENSION_ID,
    extensionOrigin: EXTENSION_ORIGIN,
    onMessage: fakeEvent<MessageListener>(),
    onConnect: fakeEvent<(port: PortLike) => void>(),
    onTabRemoved: fakeEvent<(tabId: number) => void>(),
    session: fakeBrowser.storage.session,
    alarms: fakeBrowser.alarms,
    registered,
    granted,
    removedPermissions,
    scripting: {
      async getRegisteredContentScripts(filter) {
        return [...registered.values()].filter((s) => !filter?.ids || filter.ids.includes(s.id));
      },
      async registerContentScripts(scripts) {
        for (const s of scripts) {
          if (registered.has(s.id)) throw new Error(`Duplicate script ID '${s.id}'`);
          registered.set(s.id, s);
        }
      },
      async updateContentScripts(scripts) {
        for (const s of scripts) {
          const old = registered.get(s.id);
          if (!old) throw new Error('not registered');
          registered.set(s.id, { ...old, ...s });
        }
      },
      async unregisterContentScripts(filter) {
        for (const id of filter?.ids ?? [...registered.keys()]) registered.delete(id);
      },
    },
    permissions: {
      async contains(p) {
        return (p.origins ?? []).every((o) => granted.has(o));
      },
      async remove(p) {
        for (const o of p.origins ?? []) {
          granted.delete(o);
          removedPermissions.push(o);
        }
        return true;
      },
    },
  };
}

// ---------------------------------------------------------------------------
// Senders

export const contentSender = (tabId: number, url = 'https://pharmacy.example.be/eform', frameId = 0): SenderLike => ({
  id: EXTENSION_ID,
  url,
  origin: new URL(url).origin,
  tab: { id: tabId },
  frameId,
});

export const pageSender = (path: string, tabId?: number): SenderLike => ({
  id: EXTENSION_ID,
  url: `${EXTENSION_ORIGIN}${path}`,
  origin: EXTENSION_ORIGIN,
  ...(tabId !== undefined ? { tab: { id: tabId }, frameId: 3 } : {}),
});

// ---------------------------------------------------------------------------
// Ports

export interface ClientPort {
  readonly received: unknown[];
  /** Client → background. */
  post(message: unknown): void;
  /** The client side goes away (page unload). */
  close(): void;
  readonly disconnectedByBackground: boolean;
  last(): unknown;
}

export function connect(api: FakeApi, name: string, sender: SenderLike): ClientPort {
  const received: unknown[] = [];
  const onMessage = fakeEvent<(message: unknown) => void>();
  const onDisconnect = fakeEvent<() => void>();
  let open = true;
  let closedByBackground = false;
  const port: PortLike = {
    name,
    sender,
    postMessage(message) {
      if (!open) throw new Error('Attempting to use a disconnected port object');
      received.push(structuredClone(message));
    },
    disconnect() {
      open = false;
      closedByBackground = true;
    },
    onMessage,
    onDisconnect,
  };
  api.onConnect.fire(port);
  return {
    received,
    post: (message) => void onMessage.fire(structuredClone(message)),
    close() {
      open = false;
      onDisconnect.fire();
    },
    get disconnectedByBackground() {
      return closedByBackground;
    },
    last: () => received.at(-1),
  };
}

export async function send(api: FakeApi, message: unknown, sender: SenderLike): Promise<unknown> {
  const answers = await Promise.all(api.onMessage.fire(message, sender));
  return answers.find((a) => a !== undefined);
}

// ---------------------------------------------------------------------------
// Companion behind a fake fetch

export type CompanionAnswer =
  | { kind: 'json'; status?: number; body: unknown; headers?: Record<string, string> }
  | { kind: 'down' };

export interface FakeCompanion {
  fetch: typeof fetch;
  /** Consult calls that reached the companion. */
  readonly consultCalls: number;
  readonly healthCalls: number;
  /** INSZ of each consult call, in order. */
  readonly asked: string[];
  readonly secretsSeen: string[];
  answers: Map<string, ConsultResponse>;
  /** Overrides every answer (e.g. the companion stopped). */
  override?: CompanionAnswer;
  health?: unknown;
  /** While set, consult answers wait for `release()`. */
  hold(): void;
  release(): void;
  readonly aborted: number;
}

export function fakeCompanion(): FakeCompanion {
  let held: Promise<void> | undefined;
  let releaseHeld: (() => void) | undefined;
  const state = {
    consultCalls: 0,
    healthCalls: 0,
    aborted: 0,
    asked: [] as string[],
    secretsSeen: [] as string[],
  };
  const companion: FakeCompanion = {
    answers: new Map(),
    get consultCalls() {
      return state.consultCalls;
    },
    get healthCalls() {
      return state.healthCalls;
    },
    get asked() {
      return state.asked;
    },
    get secretsSeen() {
      return state.secretsSeen;
    },
    get aborted() {
      return state.aborted;
    },
    hold() {
      held = new Promise((r) => (releaseHeld = r));
    },
    release() {
      releaseHeld?.();
      held = undefined;
    },
    fetch: (async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = new URL(String(input));
      const signal = init?.signal ?? undefined;
      if (companion.override?.kind === 'down') throw new TypeError('fetch failed');
      const headers = new Headers(init?.headers);
      const secret = headers.get('x-companion-secret') ?? '';
      if (url.pathname === '/v1/health') {
        state.healthCalls++;
        return Response.json(companion.health ?? { name: 'vaccicard-companion', version: '0.0.0' });
      }
      state.consultCalls++;
      state.secretsSeen.push(secret);
      const body = JSON.parse(String(init?.body)) as { insz: string };
      state.asked.push(body.insz);
      if (held) {
        await new Promise<void>((resolve, reject) => {
          const onAbort = () => {
            state.aborted++;
            reject(new DOMException('aborted', 'AbortError'));
          };
          signal?.addEventListener('abort', onAbort, { once: true });
          void held!.then(() => {
            signal?.removeEventListener('abort', onAbort);
            resolve();
          });
        });
      }
      if (signal?.aborted) {
        state.aborted++;
        throw new DOMException('aborted', 'AbortError');
      }
      const o = companion.override;
      if (o?.kind === 'json') {
        return new Response(JSON.stringify(o.body), {
          status: o.status ?? 200,
          headers: { 'content-type': 'application/json', ...o.headers },
        });
      }
      const answer = companion.answers.get(body.insz) ?? emptyAnswer();
      return Response.json(answer);
    }) as typeof fetch,
  };
  return companion;
}

export function emptyAnswer(): ConsultResponse {
  return {
    hubs: {
      rsw: { status: 'ok', transactions: [], durationMs: 5 },
      rsb: { status: 'ok', transactions: [], durationMs: 5 },
    },
  };
}

/** An answer that carries a marker transaction, so tests can tell patients apart in the panel. */
export function answerFor(marker: string): ConsultResponse {
  return {
    hubs: {
      rsw: { status: 'ok', transactions: [{ id: marker, kmehr: `<kmehrmessage>${marker}</kmehrmessage>` }], durationMs: 5 },
      rsb: { status: 'ok', transactions: [], durationMs: 5 },
    },
  };
}

// ---------------------------------------------------------------------------
// Clock, log, settle

export function clock(start = Date.UTC(2026, 10, 20, 9, 0, 0)) {
  let t = start;
  return {
    now: () => t,
    advance(ms: number) {
      t += ms;
    },
  };
}

export function recordingLog(): BackgroundLog & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    refused(channel, details) {
      lines.push(`refused ${channel} ${JSON.stringify(details)}`);
    },
    problem(event, details) {
      lines.push(`problem ${event} ${JSON.stringify(details ?? {})}`);
    },
  };
}

/** Lets pending promise chains (fake IndexedDB, storage, fetch) run. */
export async function settle(rounds = 30): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((r) => setTimeout(r, 0));
}

/** Waits until `check` passes (fake IndexedDB completes on timers). */
export async function until(check: () => boolean, what = 'condition', timeoutMs = 2000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 1));
  }
}

// ---------------------------------------------------------------------------
// History

/**
 * Stands in for parse + merge: one `other` line per transaction, named after
 * the transaction id, plus one per own line; so a test can see which
 * patient's data reached a panel.
 */
export const markerHistory: HistoryBuilder = (input) => {
  const lines = [
    ...Object.values(input.response?.hubs ?? {}).flatMap((h) =>
      h?.status === 'ok' ? h.transactions.map((t) => t.id) : [],
    ),
    ...input.own.map((o) => `own:${o.id}`),
  ].map((name) => ({
    key: name,
    date: input.today,
    disease: 'other' as const,
    name,
    source: 'Vaccicard' as const,
    own: false,
    confirmed: false,
    hubs: [],
    warnings: [],
  }));
  return {
    history: { season: '2026-2027', flu: [], covid: [], other: lines, summary: { fluThisSeason: false } },
    parseFailures: 0,
  };
};
