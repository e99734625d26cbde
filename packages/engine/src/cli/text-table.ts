export const Align = { left: 'left', right: 'right' } as const;
export type Align = (typeof Align)[keyof typeof Align];

export interface Column {
  header: string;
  align: Align;
}

/** A cell's text and, optionally, how to paint it once padded (colour codes must not count toward width). */
export type Cell = string | { text: string; paint: (text: string) => string };

const GAP = '  ';

/**
 * Lays rows out in aligned columns under a header and a rule. Width is counted in UTF-16 units, which
 * is right for the text the engine produces (ids, decimals, explanations with × and —); wide CJK
 * characters in deal ids would shift their row. The last column is never padded, so lines carry no
 * trailing blanks.
 */
export function layoutTable(
  columns: readonly Column[],
  rows: readonly Cell[][],
  paintHeader: (text: string) => string,
  indent = '',
): string[] {
  const widths = columns.map((column) => column.header.length);
  for (const row of rows) {
    row.forEach((cell, index) => {
      const length = cellText(cell).length;
      if (length > (widths[index] ?? 0)) widths[index] = length;
    });
  }
  const render = (cells: readonly Cell[]): string => {
    const parts = cells.map((cell, index) => {
      const text = cellText(cell);
      const width = widths[index] ?? 0;
      const last = index === cells.length - 1;
      const aligned = columns[index]?.align === Align.right ? text.padStart(width) : last ? text : text.padEnd(width);
      return typeof cell === 'string' || text === '' ? aligned : aligned.replace(text, cell.paint(text));
    });
    return `${indent}${parts.join(GAP)}`.trimEnd();
  };
  return [
    render(columns.map((column) => ({ text: column.header, paint: paintHeader }))),
    `${indent}${widths.map((width) => '─'.repeat(width)).join(GAP)}`,
    ...rows.map((row) => render(row)),
  ];
}

function cellText(cell: Cell): string {
  return typeof cell === 'string' ? cell : cell.text;
}
