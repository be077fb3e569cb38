/**
 * What the client's controllers see of each other: the session, the API, the network view, the panels
 * and the other controllers. `App` (client/app.ts) implements it and builds them all.
 */
import type { FocusBar } from '../view/focusBar';
import type { GroupsBar } from '../view/groupsBar';
import type { Api } from '../api';
import type { NetworkView } from '../view/network';
import type { ConsolePanel } from '../view/consolePanel';
import type { DetailsPanel } from '../view/details';
import type { FlowsPanel } from '../view/flowsPanel';
import type { PathsPanel } from '../view/pathsPanel';
import type { SearchBox } from '../view/search';
import type { Sidebar } from '../view/sidebar';
import type { AnalysisControl } from './analysis';
import type { DataControl } from './data';
import type { GroupsControl } from './groups';
import type { Exporter } from './exports';
import type { RenderControl } from './render';
import type { Session } from './session';
import type { Shell } from './shell';
import type { UrlSync } from './urlSync';

/** The panels and boxes of the page (built before the shell that places them). */
export interface Panels {
  readonly search: SearchBox;
  readonly sidebar: Sidebar;
  readonly details: DetailsPanel;
  readonly pathsPanel: PathsPanel;
  readonly flowsPanel: FlowsPanel;
  readonly consolePanel: ConsolePanel;
  readonly groupsBar: GroupsBar;
  readonly focusBar: FocusBar;
}

export interface AppCore {
  readonly api: Api;
  readonly s: Session;
  readonly ui: Panels;
  readonly shell: Shell;
  readonly net: NetworkView;
  /** data sets: loading, expand/collapse/undo, views, selection */
  readonly data: DataControl;
  /** the overview (groups) view: grouping, opening and closing groups */
  readonly groups: GroupsControl;
  /** render state: data → network view, visibility, appearance, emphasis, sidebar, status */
  readonly render: RenderControl;
  /** paths, money flows and Cypher results in the network */
  readonly analysis: AnalysisControl;
  readonly urlSync: UrlSync;
  readonly exporter: Exporter;
  /** Runs an action, showing its error to the user (never swallowed). */
  guard<T>(p: Promise<T>, context: string): Promise<T | undefined>;
}
