/**
 * The toolbar button opens the side panel (the INSZ lookup and registration
 * form): Chrome and Edge through `sidePanel.setPanelBehavior` (the browser
 * opens it on click), Firefox by toggling its sidebar from the click (the
 * call must happen in the click's handler, synchronously). Browser-edge file:
 * the browser objects are passed in, structurally typed.
 */
export interface ToolbarApis {
  sidePanel?: { setPanelBehavior?: (behavior: { openPanelOnActionClick: boolean }) => Promise<void> };
  sidebarAction?: { toggle?: () => Promise<void> };
  /** `action` (MV3) or `browserAction` (Firefox MV2). */
  action?: { onClicked?: { addListener(callback: () => void): void } };
}

export type ToolbarWiring = 'side-panel' | 'sidebar' | 'none';

export function wireToolbarAction(apis: ToolbarApis, onProblem: (event: string) => void = () => undefined): ToolbarWiring {
  const setBehavior = apis.sidePanel?.setPanelBehavior;
  if (setBehavior) {
    setBehavior.call(apis.sidePanel, { openPanelOnActionClick: true }).catch(() => onProblem('side-panel-behaviour-not-set'));
    return 'side-panel';
  }
  const sidebar = apis.sidebarAction;
  const clicked = apis.action?.onClicked;
  if (sidebar?.toggle && clicked) {
    clicked.addListener(() => {
      sidebar.toggle!().catch(() => onProblem('sidebar-not-toggled'));
    });
    return 'sidebar';
  }
  return 'none';
}
