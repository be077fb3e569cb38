/**
 * The client's session state: what the controllers share (the URL state, the fetched data sets and
 * their history, what is derived from them for the views, the results shown in the panels). Plain
 * data; the controllers change it through the pure functions of client/state.
 */
import type { OverviewGraph } from '../../server/api/overviewSchemas';
import type { FlowsResult, PathsResult } from '../../server/api/schemas';
import { emptyDataset, type Dataset } from '../state/dataset';
import { withCurrency, type Filters, type Visibility } from '../state/filters';
import { emptyHistory, type History } from '../state/history';
import type { NeighborPages } from '../state/neighborPages';
import type { UrlState, View } from '../state/url';

/** The network view's data: the data set, its expand/collapse history, and whether it is an overview. */
export interface NetworkData {
  dataset: Dataset;
  history: History;
  truncated: boolean;
  totalNodes: number;
}

/** The co-funding view's data. */
export interface CofundData {
  dataset: Dataset;
  truncated: boolean;
  totalNodes: number;
}

/** The overview (groups) view's data, with what the server said of it. */
export interface GroupsData extends CofundData {
  meta: OverviewGraph['attributes'];
}

/** Centralities and communities computed for the appearance (kept for the sidebar's legend). */
export interface Metrics {
  communities?: Map<string, number>;
  pagerank?: Map<string, number>;
  betweenness?: Map<string, number>;
}

export class Session {
  network: NetworkData = { dataset: emptyDataset(), history: emptyHistory(), truncated: false, totalNodes: 0 };
  cofund: CofundData | null = null;
  groups: GroupsData | null = null;
  /** the network's base data, loading or loaded (the overview view opens without waiting for it) */
  baseLoad: Promise<void> | null = null;
  /** node positions of the view left, restored when coming back to it */
  readonly savedPositions = new Map<View, Map<string, { x: number; y: number }>>();
  visibility: Visibility | null = null;
  within: (id: string, region: string) => boolean = (id, region) => id === region;
  bounds: [number, number] | null = null;
  metrics: Metrics = {};
  paths: PathsResult | null = null;
  pathIndex: number | null = null;
  flows: FlowsResult | null = null;
  /** how far the view has paged through each expanded node's neighbours */
  neighborPages: NeighborPages = new Map();
  /** the store holds more nodes than OVERVIEW_ABOVE: it opens on the overview, focuses on picked entities */
  large = false;
  /** currencies of the store's money, most used first (from /api/stats); the first is the main one */
  currencies: string[] = [];
  playTimer: ReturnType<typeof setInterval> | null = null;
  isReady = false;
  busy = 0;
  layoutRunning = false;

  constructor(public url: UrlState) {}

  /** The data set of the view shown. */
  activeDataset(): Dataset {
    if (this.url.view === 'groups') return this.groups?.dataset ?? emptyDataset();
    return this.url.view === 'cofunding' ? (this.cofund?.dataset ?? emptyDataset()) : this.network.dataset;
  }

  /** The data of the view shown (null before the co-funding view is loaded). */
  activeData(): NetworkData | CofundData | null {
    if (this.url.view === 'groups') return this.groups;
    return this.url.view === 'cofunding' ? this.cofund : this.network;
  }

  /** The filters with the currency resolved (the chosen one, else the data set's main one). */
  filtersInUse(): Filters {
    return withCurrency(this.url.filters, this.currencies[0] ?? null);
  }
}
