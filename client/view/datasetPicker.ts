/**
 * The data-set picker of the sidebar: the data sets loaded (GET /api/datasets: title, counts, where
 * they came from), each with a box to show or hide it; the choice lives in the URL (`ds`).
 */
import type { DatasetInfo } from '../../server/api/schemas';
import { shownDatasets, toggleDataset } from '../state/datasets';
import { plural } from '../state/format';
import { h, setChildren } from './dom';

const ORIGIN: Record<DatasetInfo['origin'], string> = {
  seed: 'curated seed',
  import: 'imported',
  unknown: 'loaded without a data set',
};

export class DatasetPicker {
  readonly root: HTMLElement;
  private readonly list = h('div', { class: 'legend datasets' });
  private datasets: DatasetInfo[] = [];
  private chosen: string[] = [];

  constructor(private readonly onChange: (chosen: string[]) => void) {
    this.root = h(
      'section',
      { 'aria-labelledby': 'datasets-h', class: 'dataset-picker', hidden: true },
      h('h3', { id: 'datasets-h' }, 'Data sets'),
      this.list,
    );
  }

  /** Shows the data sets loaded and the current choice (empty: all). */
  set(datasets: DatasetInfo[], chosen: string[]): void {
    this.datasets = datasets;
    this.chosen = chosen;
    this.root.hidden = datasets.length === 0;
    const names = datasets.map((d) => d.name);
    const shown = shownDatasets(names, chosen);
    setChildren(
      this.list,
      ...datasets.map((d) => {
        const box = h('input', {
          type: 'checkbox',
          checked: shown.has(d.name),
          disabled: datasets.length === 1,
          'data-dataset': d.name,
          'aria-label': `Show the data set ${d.title}`,
        });
        box.addEventListener('change', () => {
          this.chosen = toggleDataset(names, this.chosen, d.name, box.checked);
          this.set(this.datasets, this.chosen);
          this.onChange(this.chosen);
        });
        const source = d.sources.find((x) => x.url) ?? null;
        return h(
          'label',
          { class: 'legend-row dataset', title: d.name },
          box,
          h(
            'span',
            {},
            h('span', { class: 'dataset-title' }, d.title),
            h(
              'span',
              { class: 'sub' },
              [ORIGIN[d.origin], plural(d.nodes, 'node'), plural(d.relationships, 'relationship')].join(' · '),
            ),
            source?.url
              ? h('a', { class: 'sub', href: source.url, target: '_blank', rel: 'noopener' }, 'source')
              : null,
          ),
        );
      }),
    );
  }
}
