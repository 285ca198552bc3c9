/**
 * The real browser as the background services' `BackgroundApi`. Browser-edge
 * file: the only place in lib/background that reads the `browser` object.
 */
import type { WxtBrowser } from 'wxt/browser';
import type { BackgroundApi, EventLike, MessageListener, PortLike } from './extension-api.ts';

type RuntimeBrowser = Pick<WxtBrowser, 'runtime' | 'tabs' | 'storage' | 'alarms' | 'scripting' | 'permissions'>;

const present = (api: unknown): boolean => api !== undefined && api !== null;

export function backgroundApiFromBrowser(b: RuntimeBrowser): BackgroundApi {
  const root = b.runtime.getURL('/' as Parameters<typeof b.runtime.getURL>[0]);
  return {
    extensionId: b.runtime.id,
    extensionOrigin: root.replace(/\/+$/, ''),
    onMessage: b.runtime.onMessage as unknown as EventLike<MessageListener>,
    onConnect: b.runtime.onConnect as unknown as EventLike<(port: PortLike) => void>,
    onTabRemoved: b.tabs.onRemoved as unknown as EventLike<(tabId: number) => void>,
    onStartup: b.runtime.onStartup as unknown as EventLike<() => void>,
    onInstalled: b.runtime.onInstalled as unknown as EventLike<() => void>,
    // Each API may be missing on some browser or manifest version (Firefox MV2 has no storage.session before 115).
    ...(present(b.storage.session) ? { session: b.storage.session as unknown as BackgroundApi['session'] } : {}),
    ...(present(b.alarms) ? { alarms: b.alarms as unknown as BackgroundApi['alarms'] } : {}),
    ...(present(b.scripting) && present(b.scripting.registerContentScripts)
      ? { scripting: b.scripting as unknown as BackgroundApi['scripting'] }
      : {}),
    ...(present(b.permissions) ? { permissions: b.permissions as unknown as BackgroundApi['permissions'] } : {}),
  };
}
