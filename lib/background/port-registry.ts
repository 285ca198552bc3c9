/**
 * The open ports per tab: content-script `badge` ports and in-page `panel`
 * ports. Posting to a port that has gone away drops it quietly.
 */
import type { BadgePortMessage, PanelPortMessage } from '../messages.ts';
import type { PortLike } from './extension-api.ts';

type TabPortKind = 'badge' | 'panel';

export class PortRegistry {
  private readonly ports: Record<TabPortKind, Map<number, Set<PortLike>>> = {
    badge: new Map(),
    panel: new Map(),
  };

  add(kind: TabPortKind, tabId: number, port: PortLike): void {
    const byTab = this.ports[kind];
    let set = byTab.get(tabId);
    if (!set) byTab.set(tabId, (set = new Set()));
    set.add(port);
  }

  remove(kind: TabPortKind, tabId: number, port: PortLike): void {
    const set = this.ports[kind].get(tabId);
    if (!set) return;
    set.delete(port);
    if (set.size === 0) this.ports[kind].delete(tabId);
  }

  count(kind: TabPortKind, tabId: number): number {
    return this.ports[kind].get(tabId)?.size ?? 0;
  }

  postBadge(tabId: number, message: BadgePortMessage): void {
    this.post('badge', tabId, message);
  }

  postPanel(tabId: number, message: PanelPortMessage): void {
    this.post('panel', tabId, message);
  }

  private post(kind: TabPortKind, tabId: number, message: unknown): void {
    for (const port of [...(this.ports[kind].get(tabId) ?? [])]) {
      safePost(port, message, () => this.remove(kind, tabId, port));
    }
  }
}

export function safePost(port: PortLike, message: unknown, onGone?: () => void): void {
  try {
    port.postMessage(message);
  } catch {
    onGone?.();
  }
}
