/**
 * The slice of the WebExtension API the background services use, as small
 * structural interfaces: the real `browser` satisfies them (browser-api.ts
 * adapts it), and tests pass fakes (WXT's fakeBrowser has no ports).
 */

export interface EventLike<F extends (...args: never[]) => unknown> {
  addListener(callback: F): void;
  removeListener(callback: F): void;
}

/** `runtime.MessageSender`, the fields the sender checks read. */
export interface SenderLike {
  id?: string;
  url?: string;
  origin?: string;
  tab?: { id?: number };
  frameId?: number;
}

export interface PortLike {
  readonly name: string;
  readonly sender?: SenderLike;
  postMessage(message: unknown): void;
  disconnect(): void;
  readonly onMessage: EventLike<(message: unknown) => void>;
  readonly onDisconnect: EventLike<() => void>;
}

/** `storage.session` (memory-only; trusted contexts). */
export interface SessionAreaLike {
  get(keys?: string | string[] | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string | string[]): Promise<void>;
  /** Chrome 102+; Firefox has no such call (its session area is not exposed to content scripts). */
  setAccessLevel?(options: { accessLevel: 'TRUSTED_CONTEXTS' | 'TRUSTED_AND_UNTRUSTED_CONTEXTS' }): Promise<void>;
}

export interface AlarmsLike {
  create(name: string, info: { delayInMinutes?: number; periodInMinutes?: number }): unknown;
  clear?(name: string): unknown;
  readonly onAlarm: EventLike<(alarm: { name: string }) => void>;
}

export interface RegisteredScript {
  id: string;
  matches?: string[];
  js?: string[];
  css?: string[];
  runAt?: 'document_start' | 'document_end' | 'document_idle';
  allFrames?: boolean;
  persistAcrossSessions?: boolean;
}

export interface ScriptingLike {
  getRegisteredContentScripts(filter?: { ids?: string[] }): Promise<RegisteredScript[]>;
  registerContentScripts(scripts: RegisteredScript[]): Promise<void>;
  updateContentScripts(scripts: RegisteredScript[]): Promise<void>;
  unregisterContentScripts(filter?: { ids?: string[] }): Promise<void>;
}

export interface PermissionsLike {
  contains(permissions: { origins?: string[] }): Promise<boolean>;
  remove(permissions: { origins?: string[] }): Promise<boolean>;
  readonly onAdded?: EventLike<(permissions: { origins?: string[] }) => void>;
  readonly onRemoved?: EventLike<(permissions: { origins?: string[] }) => void>;
}

export type MessageListener = (message: unknown, sender: SenderLike) => Promise<unknown> | undefined;

export interface BackgroundApi {
  /** `runtime.id`. */
  extensionId: string;
  /** `runtime.getURL('/')` without the trailing slash, e.g. `chrome-extension://abc…`. */
  extensionOrigin: string;
  onMessage: EventLike<MessageListener>;
  onConnect: EventLike<(port: PortLike) => void>;
  onTabRemoved: EventLike<(tabId: number) => void>;
  onStartup?: EventLike<() => void>;
  onInstalled?: EventLike<() => void>;
  /** Absent where the browser has no `storage.session`: sessions then live in memory only. */
  session?: SessionAreaLike;
  alarms?: AlarmsLike;
  scripting?: ScriptingLike;
  permissions?: PermissionsLike;
}
