import { defineBackground } from 'wxt/utils/define-background';
import { browser } from 'wxt/browser';
import { backgroundApiFromBrowser } from '../lib/background/browser-api.ts';
import { startBackgroundServices } from '../lib/background/services.ts';
import { wireToolbarAction, type ToolbarApis } from '../lib/background/toolbar-action.ts';
import { consoleLog } from '../lib/background/log.ts';
import { createSettingsStore } from '../lib/settings/settings-store.ts';

export default defineBackground(() => {
  // The toolbar button opens the side panel (Chrome/Edge) or toggles the sidebar (Firefox).
  const apis = browser as unknown as ToolbarApis & { browserAction?: ToolbarApis['action'] };
  const log = consoleLog();
  const action = apis.action ?? apis.browserAction;
  wireToolbarAction(
    {
      ...(apis.sidePanel ? { sidePanel: apis.sidePanel } : {}),
      ...(apis.sidebarAction ? { sidebarAction: apis.sidebarAction } : {}),
      ...(action ? { action } : {}),
    },
    (event) => log.problem(event),
  );
  startBackgroundServices({
    api: backgroundApiFromBrowser(browser),
    settings: createSettingsStore(),
  });
});
