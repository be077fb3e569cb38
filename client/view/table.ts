/** Data tables with a "Download CSV" button; columns with a sort key sort on a click of their header. */
import { toCsv } from '../state/export';
import { sortRows, type SortDir, type SortValue } from '../state/sort';
import { download, h, setChildren } from './dom';

export interface Column<T> {
  title: string;
  /** the cell's content on screen */
  cell: (row: T) => Node | string;
  /** the cell's value in the CSV (defaults to the cell's text) */
  csv?: (row: T) => unknown;
  className?: string;
  /** only in the CSV, not on screen */
  hidden?: boolean;
  /** makes the column sortable by this key */
  sort?: (row: T) => SortValue;
}

export interface TableOptions<T> {
  /** a second, full-width row under each row (e.g. the source quote) */
  detail?: (row: T) => Node | null;
  /** no table on screen, only the CSV button (the rows are shown otherwise) */
  csvOnly?: boolean;
  /** the initial order: a sortable column's title and direction */
  sortBy?: { title: string; dir: SortDir };
}

/** A table of rows, with a caption and a CSV download of the same rows. */
export function dataTable<T>(
  caption: string,
  allColumns: Column<T>[],
  rows: readonly T[],
  filename: string,
  opts: TableOptions<T> = {},
): HTMLElement {
  const columns = allColumns.filter((c) => !c.hidden);
  let order = opts.sortBy ?? null;
  let shown: readonly T[] = rows;
  const tbody = h('tbody', {});
  const heads = columns.map((c) => h('th', { scope: 'col', class: c.className ?? '' }));
  const render = () => {
    const col = order ? columns.find((c) => c.title === order!.title && c.sort) : undefined;
    shown = col && order ? sortRows(rows, col.sort!, order.dir) : rows;
    columns.forEach((c, i) => {
      const th = heads[i]!;
      if (!c.sort) return setChildren(th, c.title);
      const active = col === c;
      th.setAttribute('aria-sort', active ? (order!.dir === 'asc' ? 'ascending' : 'descending') : 'none');
      const next: SortDir = active && order!.dir === 'desc' ? 'asc' : 'desc';
      setChildren(
        th,
        h(
          'button',
          {
            class: 'sort',
            title: `Sort by ${c.title.toLowerCase()}`,
            onclick: () => {
              order = { title: c.title, dir: next };
              render();
            },
          },
          c.title,
          active ? (order!.dir === 'asc' ? ' ▲' : ' ▼') : '',
        ),
      );
    });
    setChildren(
      tbody,
      ...shown.flatMap((r) => {
        const main = h(
          'tr',
          { class: opts.detail ? 'has-detail' : '' },
          ...columns.map((c) => h('td', { class: c.className ?? '' }, c.cell(r))),
        );
        const extra = opts.detail?.(r);
        return extra ? [main, h('tr', { class: 'detail-row' }, h('td', { colspan: columns.length }, extra))] : [main];
      }),
    );
  };
  if (!opts.csvOnly) render();
  const table = h(
    'table',
    { class: 'data' },
    h('caption', { class: 'visually-hidden' }, caption),
    h('thead', {}, h('tr', {}, ...heads)),
    tbody,
  );
  const csv = () => {
    const body = shown.map((r) =>
      allColumns.map((c) => {
        if (c.csv) return c.csv(r);
        const v = c.cell(r);
        return typeof v === 'string' ? v : v.textContent;
      }),
    );
    download(
      filename,
      toCsv(
        allColumns.map((c) => c.title),
        body,
      ),
      'text/csv;charset=utf-8',
    );
  };
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'div',
      { class: 'table-head' },
      h('span', { class: 'table-caption' }, caption),
      h('button', { class: 'small', onclick: csv, 'aria-label': `Download ${caption} as CSV` }, 'CSV'),
    ),
    opts.csvOnly ? null : h('div', { class: 'table-scroll' }, table),
  );
}
