/**
 * The Cypher console: an editor with Cypher highlighting, JSON parameters, run with Ctrl+Enter; the
 * rows as a table and the nodes and relationships as a small graph; errors inline. On the embedded
 * store (no Cypher) it explains how to connect Neo4j.
 */
import Graph from 'graphology';
import forceAtlas2 from 'graphology-layout-forceatlas2';
import Sigma, { DEFAULT_STYLES } from 'sigma';
import { extremityArrow, layerPlain, pathCurved, pathLine, pathLoop } from 'sigma/rendering';
import type { CypherResult, SerializedGraph } from '../../server/api/schemas';
import { ApiError, type Api } from '../api';
import { CYPHER_EXAMPLES, paramNames, parseParams, tokenizeCypher } from '../state/cypher';
import { displayValue } from '../state/format';
import { KIND_COLORS, TYPE_COLORS, isNodeKind } from '../state/vocab';
import { h, loading, setChildren } from './dom';
import { dataTable } from './table';
import { errorBlock } from './toast';

export interface ConsoleActions {
  addToNetwork(g: SerializedGraph): void;
}

/** The explanation shown when the server runs the embedded store. */
export function neo4jExplanation(hint?: string): HTMLElement {
  return h(
    'div',
    { class: 'notice', role: 'note', 'data-testid': 'neo4j-explanation' },
    h('strong', {}, 'Cypher needs Neo4j: connect Neo4j to use the console.'),
    h(
      'p',
      {},
      'This server runs the embedded store: the seed graph in memory, which answers the explorer but not Cypher. To query with Cypher:',
    ),
    h(
      'ol',
      {},
      h('li', {}, 'start a Neo4j 5 server: ', h('code', {}, 'npm run neo4j:start'), ' (it prints a NEO4J_URI)'),
      h('li', {}, 'load the seed into it: ', h('code', {}, 'NEO4J_URI=bolt://127.0.0.1:7687 npm run seed')),
      h(
        'li',
        {},
        'restart this server with the same ',
        h('code', {}, 'NEO4J_URI'),
        ' (and NEO4J_USER / NEO4J_PASSWORD if not the defaults)',
      ),
    ),
    hint ? h('p', { class: 'hint' }, `Server’s hint: ${hint}`) : null,
  );
}

function miniGraph(container: HTMLElement, g: SerializedGraph): Sigma | null {
  if (g.nodes.length === 0) return null;
  const graph = new Graph({ type: 'directed', multi: true, allowSelfLoops: true });
  const n = g.nodes.length;
  g.nodes.forEach((node, i) => {
    const kind = String(node.attributes.kind);
    graph.addNode(node.key, {
      x: Math.cos((2 * Math.PI * i) / n),
      y: Math.sin((2 * Math.PI * i) / n),
      size: 6,
      label: String(node.attributes.name ?? node.key),
      color: isNodeKind(kind) ? KIND_COLORS[kind] : '#888',
    });
  });
  for (const e of g.edges)
    if (graph.hasNode(e.source) && graph.hasNode(e.target))
      graph.addDirectedEdgeWithKey(e.key, e.source, e.target, {
        size: 1.5,
        color: TYPE_COLORS[e.attributes.type] ?? '#bbb',
      });
  if (n > 2) forceAtlas2.assign(graph, { iterations: 150, settings: forceAtlas2.inferSettings(graph) });
  return new Sigma(graph, container, {
    primitives: {
      edges: { paths: [pathLine(), pathCurved(), pathLoop()], extremities: [extremityArrow()], layers: [layerPlain()] },
    },
    styles: {
      nodes: { ...DEFAULT_STYLES.nodes, color: { attribute: 'color' }, size: { attribute: 'size' } },
      edges: { ...DEFAULT_STYLES.edges, path: 'straight', parallelPath: 'curved', selfLoopPath: 'loop', head: 'arrow' },
    },
    settings: { itemSizesReference: 'screen', enableCameraRotation: false, labelRenderedSizeThreshold: 0 },
  });
}

export class ConsolePanel {
  readonly root: HTMLElement;
  readonly editor: HTMLTextAreaElement;
  private readonly highlight: HTMLElement;
  private readonly params: HTMLTextAreaElement;
  private readonly paramHint: HTMLElement;
  private readonly results: HTMLElement;
  private readonly notice: HTMLElement;
  private readonly runBtn: HTMLButtonElement;
  private mini: Sigma | null = null;
  private checked = false;

  constructor(
    private readonly api: Api,
    private readonly actions: ConsoleActions,
  ) {
    this.editor = h('textarea', {
      class: 'code-input',
      spellcheck: false,
      autocomplete: 'off',
      'aria-label': 'Cypher query (Ctrl+Enter runs it)',
      rows: 7,
    });
    this.highlight = h('code', {});
    this.params = h('textarea', {
      class: 'params',
      spellcheck: false,
      rows: 2,
      'aria-label': 'Parameters as JSON',
      placeholder: '{"id": "jinfeng-laboratory"}',
    });
    this.paramHint = h('p', { class: 'muted small' });
    this.results = h('div', { class: 'console-results', 'aria-live': 'polite' });
    this.notice = h('div', {});
    this.runBtn = h('button', { class: 'primary', onclick: () => void this.run(), title: 'Run (Ctrl+Enter)' }, 'Run ▶');
    const examples = h(
      'div',
      { class: 'row examples', role: 'group', 'aria-label': 'Example queries' },
      h('span', { class: 'muted' }, 'Examples: '),
      ...CYPHER_EXAMPLES.map((ex) =>
        h('button', { class: 'small', onclick: () => this.load(ex.query, ex.params ?? '') }, ex.title),
      ),
    );
    this.root = h(
      'div',
      { class: 'console' },
      h('h2', {}, 'Cypher console'),
      this.notice,
      h(
        'div',
        { class: 'editor' },
        h('pre', { class: 'code-highlight', 'aria-hidden': 'true' }, this.highlight),
        this.editor,
      ),
      h('label', { class: 'small' }, 'Parameters (JSON)', this.params),
      this.paramHint,
      h(
        'div',
        { class: 'row' },
        this.runBtn,
        h('span', { class: 'muted small' }, 'Ctrl+Enter to run · read-only queries'),
      ),
      examples,
      this.results,
    );
    this.editor.addEventListener('input', () => this.paint());
    this.editor.addEventListener('scroll', () => {
      const pre = this.highlight.parentElement!;
      pre.scrollTop = this.editor.scrollTop;
      pre.scrollLeft = this.editor.scrollLeft;
    });
    const runKey = (e: KeyboardEvent) => {
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        void this.run();
      }
    };
    this.editor.addEventListener('keydown', runKey);
    this.params.addEventListener('keydown', runKey);
    this.params.addEventListener('input', () => this.checkParams());
    this.load(CYPHER_EXAMPLES[0]!.query, '');
  }

  private load(query: string, params: string): void {
    this.editor.value = query;
    this.params.value = params;
    this.paint();
    this.checkParams();
  }

  private paint(): void {
    const tokens = tokenizeCypher(this.editor.value);
    setChildren(
      this.highlight,
      ...tokens.map((t) =>
        t.type === 'space' || t.type === 'punct' ? t.text : h('span', { class: `tok-${t.type}` }, t.text),
      ),
      '\n',
    );
    this.checkParams();
  }

  private checkParams(): void {
    const names = paramNames(this.editor.value);
    const p = parseParams(this.params.value);
    if (!p.ok) {
      this.paramHint.textContent = p.error;
      this.paramHint.className = 'error small';
      return;
    }
    const missing = names.filter((n) => !(n in p.params));
    this.paramHint.className = missing.length ? 'warn small' : 'muted small';
    this.paramHint.textContent = names.length
      ? `Uses ${names.map((n) => `$${n}`).join(', ')}${missing.length ? ` — missing ${missing.map((n) => `$${n}`).join(', ')}` : ''}`
      : '';
  }

  /** Tells, once, when the server has no Cypher (embedded store). */
  async checkBackend(): Promise<void> {
    if (this.checked) return;
    this.checked = true;
    try {
      const health = await this.api.health();
      if (health.backend === 'embedded') setChildren(this.notice, neo4jExplanation());
    } catch {
      this.checked = false; // try again next time; a run will show the error
    }
  }

  async run(): Promise<void> {
    const query = this.editor.value.trim();
    if (!query) {
      setChildren(this.results, errorBlock(new Error('write a query first'), 'Nothing to run'));
      return;
    }
    const p = parseParams(this.params.value);
    if (!p.ok) {
      setChildren(this.results, errorBlock(new Error(p.error), 'Parameters'));
      return;
    }
    this.mini?.kill();
    this.mini = null;
    setChildren(this.results, loading('results'));
    this.runBtn.disabled = true;
    try {
      const r = await this.api.cypher({ query, params: p.params });
      this.show(r);
    } catch (e) {
      if (e instanceof ApiError && e.code === 'NOT_SUPPORTED') {
        setChildren(this.results, errorBlock(e, 'Cypher is not available'), neo4jExplanation(e.hint));
      } else setChildren(this.results, errorBlock(e, 'Query failed'));
    } finally {
      this.runBtn.disabled = false;
      this.results.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
    }
  }

  private show(r: CypherResult): void {
    const rows = r.rows.map((row, i) => ({ i, row }));
    const graphBox = h('div', { class: 'mini-graph', 'aria-label': 'Result graph', role: 'img' });
    const hasGraph = r.graph.nodes.length > 0;
    setChildren(
      this.results,
      h(
        'p',
        { class: 'summary', 'data-testid': 'cypher-summary' },
        `${r.rows.length} row${r.rows.length === 1 ? '' : 's'}${r.truncated ? ' (cut at the server’s row limit)' : ''} in ${r.timing.ms.toFixed(0)} ms; ${r.graph.nodes.length} nodes and ${r.graph.edges.length} relationships in the graph.`,
      ),
      r.columns.length
        ? dataTable(
            'Result rows',
            r.columns.map((c, j) => ({
              title: c,
              cell: (x: { row: unknown[] }) => cellText(x.row[j]),
              csv: (x: { row: unknown[] }) => x.row[j],
            })),
            rows,
            'cypher-results.csv',
          )
        : null,
      hasGraph
        ? h(
            'section',
            { class: 'result-graph' },
            h(
              'div',
              { class: 'table-head' },
              h('span', { class: 'table-caption' }, 'Result graph'),
              h('button', { class: 'small', onclick: () => this.actions.addToNetwork(r.graph) }, 'Add to the network'),
            ),
            graphBox,
          )
        : null,
    );
    if (hasGraph) requestAnimationFrame(() => (this.mini = miniGraph(graphBox, r.graph)));
  }
}

function cellText(v: unknown): string {
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    const o = v as Record<string, unknown>;
    const props = (o.properties ?? {}) as Record<string, unknown>;
    if ('labels' in o)
      return `(${displayValue(props.name ?? o.id)}${Array.isArray(o.labels) ? `:${(o.labels as string[]).join(':')}` : ''})`;
    if ('type' in o && 'start' in o)
      return `[:${displayValue(o.type)}${props.amount !== undefined ? ` ${displayValue(props.amount)}` : ''}]`;
  }
  return displayValue(v);
}
