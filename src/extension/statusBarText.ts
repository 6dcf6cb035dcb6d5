/** The status bar item's text and tooltip for a dataset whose overview is active. Pure: no `vscode`. */

export interface DatasetStatus {
  readonly name: string;
  readonly rowCount: number | undefined;
  /** Anomalies of the last validation; undefined when not validated yet. */
  readonly anomalies: number | undefined;
}

const count = new Intl.NumberFormat('en-US');

export function statusBarText(s: DatasetStatus): { text: string; tooltip: string } {
  const rows = s.rowCount === undefined ? '…' : count.format(s.rowCount);
  const rowWord = s.rowCount === 1 ? 'row' : 'rows';
  let text = `$(table) ${rows} ${rowWord}`;
  let tooltip = `${s.name}: ${rows} ${rowWord}`;
  if (s.anomalies === undefined) {
    tooltip += ' (not validated yet)';
  } else {
    const word = s.anomalies === 1 ? 'anomaly' : 'anomalies';
    text += ` $(${s.anomalies > 0 ? 'warning' : 'check'}) ${s.anomalies} ${word}`;
    tooltip += `, ${s.anomalies} ${word}`;
  }
  return { text, tooltip: `${tooltip} — click to open the Problems pane` };
}
