/**
 * The datapoint editor page: the form generated from the feature specs, every version's score on each edit, the
 * attributions, PDP/ICE, nearest counterfactuals, history and the backend table. All inference goes through the
 * core code shared with the host (FeatureTransform, integrated gradients, grid scoring, counterfactual search);
 * this file only wires it to the DOM. Values are rendered as text (mountView / textContent), never as markup.
 */
import type { BackendDecision, WebBackendName } from '../../src/core/model/backendChoice.js';
import { nearestCounterfactual, numericScales, predictedClass } from '../../src/core/model/counterfactual.js';
import type { CounterfactualResult } from '../../src/core/model/counterfactual.js';
import type { ExampleRecord, RecordValue } from '../../src/core/model/featureTransform.js';
import { formatExampleSession } from '../../src/core/model/exampleSession.js';
import { gridScores, quantileGrid } from '../../src/core/model/iceCurves.js';
import { FINITE_DIFFERENCE_STEP } from '../../src/core/model/finiteDifferences.js';
import { integratedGradients } from '../../src/core/model/integratedGradients.js';
import type { IntegratedGradientsResult } from '../../src/core/model/integratedGradients.js';
import type { DatapointInit, FeatureRange } from '../../src/protocol/datapoint/datapointProtocol.js';
import { mountView } from '../shared/mountView.js';
import { h } from '../shared/viewNode.js';
import type { ViewChild, ViewNode } from '../shared/viewNode.js';
import { attributionChart, barChart, curveChart, formatNumber, legend } from './charts.js';
import type { CurveSeries } from './charts.js';
import { EditHistory } from './history.js';
import { sampleRecords, recordOf } from './sampleRecords.js';
import type { EditorBackends } from './editorBackends.js';
import type { WebModel } from './webModels.js';

export type Baseline = { readonly kind: 'mean' } | { readonly kind: 'zeros' } | { readonly kind: 'row'; readonly row: number };

type FeatureKind = 'numeric' | 'vocabulary';

interface FieldInfo {
  readonly name: string;
  readonly kind: FeatureKind;
  readonly vocabulary: readonly string[];
  readonly range: FeatureRange | undefined;
}

interface VersionState {
  readonly model: WebModel;
  /** Sample rows transformed (rows × width) and their predicted classes. */
  readonly sampleInputs: Float32Array;
  readonly sampleClasses: Float64Array;
  readonly originalScores: readonly number[];
  scores: readonly number[];
  problems: readonly string[];
  attributions?: IntegratedGradientsResult | string;
  counterfactual?: CounterfactualResult | string;
}

const OOV_LABEL = '(out of vocabulary)';

function byId<T extends HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`missing #${id}`);
  return el as T;
}

function replace(parent: HTMLElement, ...nodes: ViewNode[]): void {
  parent.replaceChildren(...nodes.map((n) => mountView(n)));
}

function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

export class DatapointEditor {
  private readonly fields: readonly FieldInfo[];
  private readonly versions: VersionState[] = [];
  private readonly history: EditHistory;
  private readonly sample: readonly ExampleRecord[];
  private readonly scales: ReadonlyMap<string, number>;
  private baseline: Baseline = { kind: 'mean' };
  private pdpFeature: string;
  private readonly latencies: number[] = [];
  private predicting = false;
  private dirty = false;
  private explainTimer: ReturnType<typeof setTimeout> | undefined;
  private explainGeneration = 0;
  private requestId = 0;

  constructor(
    private readonly init: DatapointInit,
    models: readonly WebModel[],
    private readonly decision: BackendDecision,
    private readonly backends: EditorBackends,
    private readonly post: (message: { type: 'saveSession'; requestId: number; jsonl: string; examples: number }) => void,
  ) {
    this.fields = init.features.map((name): FieldInfo => {
      let kind: FeatureKind = 'numeric';
      let vocabulary: string[] = [];
      for (const m of models) {
        const f = m.spec.features.find((x) => x.name === name);
        if (!f) continue;
        if (f.transform.kind === 'vocabulary') {
          kind = 'vocabulary';
          for (const v of f.transform.vocabulary) if (!vocabulary.includes(v)) vocabulary.push(v);
        } else if (f.transform.kind === 'oneHot') {
          kind = 'vocabulary';
          for (const v of f.transform.values) if (!vocabulary.includes(v)) vocabulary.push(v);
        }
      }
      return { name, kind, vocabulary, range: init.ranges.find((r) => r.name === name) };
    });
    this.sample = sampleRecords(init.sample.rows, init.sample.columns);
    this.history = new EditHistory(recordOf(init.row.values, init.features));
    this.scales = numericScales(models[0]!.spec, this.sample);
    this.pdpFeature = init.features[0]!;
    for (const model of models) {
      const w = model.transform.width;
      const inputs = new Float32Array(this.sample.length * w);
      this.sample.forEach((r, i) => model.transform.transformRecord(r, inputs, i * w));
      this.versions.push({ model, sampleInputs: inputs, sampleClasses: new Float64Array(this.sample.length), originalScores: [], scores: [], problems: [] });
    }
  }

  /** Predicts the sample (classes for counterfactuals) and the original row, then renders everything. */
  async start(): Promise<void> {
    await this.backends.use(this.decision.batch);
    for (const v of this.versions) {
      const k = v.model.outputs.width;
      const raw = await v.model.model.predict(v.sampleInputs, this.sample.length);
      const scores = v.model.outputs.scores(raw, this.sample.length);
      for (let r = 0; r < this.sample.length; r++) v.sampleClasses[r] = predictedClass(v.model.spec.task, scores, k, r);
    }
    this.renderShell();
    await this.predictCurrent(performance.now());
    // The first prediction warms the backend up: latency counts the user's edits only.
    this.latencies.length = 0;
    byId('dp-latency').textContent = '';
    this.versions.forEach((v) => Object.assign(v, { originalScores: v.scores }));
    this.renderScores();
    this.scheduleExplain(0);
  }

  // ---- the example being edited ----

  private fieldValue(f: FieldInfo): RecordValue {
    const missing = document.getElementById(`dp-missing-${this.fields.indexOf(f)}`) as HTMLInputElement | null;
    if (missing?.checked) return null;
    const input = document.getElementById(`dp-input-${this.fields.indexOf(f)}`) as HTMLInputElement | null;
    const text = input?.value ?? '';
    if (text.trim() === '') return null;
    if (f.kind === 'numeric') {
      const n = Number(text.trim());
      return Number.isFinite(n) ? n : text;
    }
    return text;
  }

  private draft(): ExampleRecord {
    const out: Record<string, RecordValue> = {};
    for (const f of this.fields) out[f.name] = this.fieldValue(f);
    return out;
  }

  private load(example: ExampleRecord): void {
    this.fields.forEach((f, i) => {
      const v = example[f.name];
      const input = byId<HTMLInputElement>(`dp-input-${i}`);
      const missing = byId<HTMLInputElement>(`dp-missing-${i}`);
      const isMissing = v === null || v === undefined || v === '';
      missing.checked = isMissing;
      input.disabled = isMissing;
      input.value = isMissing ? '' : String(v);
      this.updateHint(i);
    });
  }

  private commit(): void {
    if (this.history.push(this.draft())) this.renderHistory();
  }

  private changed(): void {
    this.fields.forEach((_, i) => this.updateHint(i));
    void this.predictCurrent(performance.now());
  }

  undo(): void {
    this.load(this.history.undo());
    this.renderHistory();
    this.changed();
  }

  redo(): void {
    this.load(this.history.redo());
    this.renderHistory();
    this.changed();
  }

  private apply(example: ExampleRecord): void {
    this.load(example);
    this.commit();
    this.changed();
  }

  // ---- prediction ----

  /** Every version predicts the draft on the real-time backend; coalesces edits that arrive meanwhile. */
  private async predictCurrent(started: number): Promise<void> {
    if (this.predicting) {
      this.dirty = true;
      return;
    }
    this.predicting = true;
    try {
      await this.backends.use(this.decision.realtime);
      const example = this.draft();
      for (const v of this.versions) {
        const x = new Float32Array(v.model.transform.width);
        const problems = v.model.transform.transformRecord(example, x);
        v.problems = problems.map((p) => p.message);
        if (problems.length > 0) {
          v.scores = [];
          continue;
        }
        const raw = await v.model.model.predict(x, 1);
        v.scores = Array.from(v.model.outputs.scores(raw, 1));
      }
      this.renderScores();
      this.latencies.push(performance.now() - started);
      if (this.latencies.length > 500) this.latencies.shift();
      this.renderLatency();
    } finally {
      this.predicting = false;
    }
    if (this.dirty) {
      this.dirty = false;
      await this.predictCurrent(performance.now());
      return;
    }
    this.scheduleExplain(30);
  }

  private scheduleExplain(delay: number): void {
    if (this.explainTimer !== undefined) clearTimeout(this.explainTimer);
    this.explainTimer = setTimeout(() => {
      this.explainTimer = undefined;
      this.explain().catch((err: unknown) => {
        const el = document.getElementById('dp-status-line');
        if (el) el.textContent = `Explaining failed: ${err instanceof Error ? err.message : String(err)}`;
      });
    }, delay);
  }

  private baselineFor(v: VersionState): Float32Array | string {
    const w = v.model.transform.width;
    const b = new Float32Array(w);
    if (this.baseline.kind === 'mean') return b;
    const record: Record<string, RecordValue> = {};
    if (this.baseline.kind === 'zeros') {
      for (const f of this.fields) record[f.name] = f.kind === 'numeric' ? 0 : null;
    } else {
      const row = this.sample[this.baseline.row - 1];
      if (!row) return `baseline row ${this.baseline.row} is not in the sample (1–${this.sample.length})`;
      Object.assign(record, row);
    }
    const problems = v.model.transform.transformRecord(record, b);
    return problems.length > 0 ? `the baseline cannot be transformed: ${problems.map((p) => p.message).join('; ')}` : b;
  }

  /** Attributions, counterfactuals and PDP/ICE on the batch backend; a newer edit makes older results stale. */
  private async explain(): Promise<void> {
    const generation = ++this.explainGeneration;
    const example = this.draft();
    await this.backends.use(this.decision.batch);
    for (const v of this.versions) {
      if (v.scores.length === 0) {
        v.attributions = v.problems.join('; ');
        v.counterfactual = 'no prediction for this example';
        continue;
      }
      const baseline = this.baselineFor(v);
      if (typeof baseline === 'string') v.attributions = baseline;
      else {
        const x = new Float32Array(v.model.transform.width);
        v.model.transform.transformRecord(example, x);
        try {
          v.attributions = await integratedGradients(v.model, x, { baseline, steps: 64, maxSteps: 512 });
        } catch (err) {
          v.attributions = err instanceof Error ? err.message : String(err);
        }
      }
      const cls = predictedClass(v.model.spec.task, v.scores, v.model.outputs.width, 0);
      v.counterfactual =
        nearestCounterfactual({ spec: v.model.spec, example, exampleClass: cls, candidates: this.sample, candidateClasses: v.sampleClasses, scales: this.scales }) ??
        (Number.isNaN(cls) ? 'a regression model has no class to flip' : `no row of the sample is predicted another class`);
      if (generation !== this.explainGeneration) return;
    }
    this.renderAttributions();
    this.renderCounterfactuals();
    try {
      await this.renderPdp(example, generation);
    } catch (err) {
      replace(byId('dp-pdp'), h('p', { class: 'dp-problem', role: 'alert' }, `Partial dependence failed on ${this.decision.batch}: ${err instanceof Error ? err.message : String(err)}`));
    }
  }

  // ---- rendering ----

  private renderShell(): void {
    const root = byId('dp-root');
    const d = this.decision;
    const page = h(
      'div',
      { class: 'dp-page' },
      h(
        'header',
        { class: 'dp-header' },
        h('h1', { id: 'dp-title' }, `Explain ${this.init.row.source}`),
        h('p', { class: 'dp-subtitle', id: 'dp-source' }, `Row ${this.init.row.index} of ${this.init.datasetName} · source ${this.init.row.source} · versions: ${this.versions.map((v) => v.model.label).join(', ')}`),
        h('p', { class: 'dp-backend', id: 'dp-backend' }, `Inference: edits on ${d.realtime}, batches on ${d.batch} (parity reference: ${d.reference})`),
      ),
      h(
        'div',
        { class: 'dp-toolbar', role: 'toolbar', 'aria-label': 'History' },
        h('button', { id: 'dp-undo', type: 'button', title: 'Undo (Ctrl+Z)' }, 'Undo'),
        h('button', { id: 'dp-redo', type: 'button', title: 'Redo (Ctrl+Shift+Z)' }, 'Redo'),
        h('button', { id: 'dp-revert', type: 'button' }, 'Back to the original row'),
        h('button', { id: 'dp-save', type: 'button' }, 'Save session…'),
        h('span', { id: 'dp-history', class: 'dp-muted', role: 'status' }),
        h('span', { id: 'dp-status-line', class: 'dp-problem', role: 'alert' }),
      ),
      h(
        'div',
        { class: 'dp-columns' },
        h('section', { class: 'dp-form', 'aria-label': 'Feature values' }, h('h2', null, 'Features'), this.formView(), h('p', { class: 'dp-muted' }, 'Tab moves between fields, Enter applies an edit (kept in the history), Esc reverts the field.')),
        h(
          'div',
          { class: 'dp-results' },
          h('section', { 'aria-label': 'Predictions' }, h('h2', null, 'Predictions'), h('div', { id: 'dp-scores' }), h('p', { id: 'dp-latency', class: 'dp-muted' })),
          h(
            'section',
            { 'aria-label': 'Attributions' },
            h('h2', null, 'Attributions (integrated gradients)'),
            this.gradientNote(),
            h(
              'div',
              { class: 'dp-controls' },
              h('label', { for: 'dp-baseline' }, 'Baseline '),
              h('select', { id: 'dp-baseline' }, h('option', { value: 'mean' }, 'training mean (numeric at their mean, no category)'), h('option', { value: 'zeros' }, 'zeros (numeric 0, categories missing)'), h('option', { value: 'row' }, 'another row of the sample')),
              h('label', { for: 'dp-baseline-row', class: 'dp-baseline-row-label' }, ' row '),
              h('input', { id: 'dp-baseline-row', type: 'number', min: 1, max: this.sample.length, value: 1, disabled: true, class: 'dp-small' }),
            ),
            h('div', { id: 'dp-attributions', class: 'dp-attributions' }),
          ),
          h(
            'section',
            { 'aria-label': 'Partial dependence' },
            h('h2', null, 'Partial dependence and ICE'),
            h('div', { class: 'dp-controls' }, h('label', { for: 'dp-pdp-feature' }, 'Feature '), h('select', { id: 'dp-pdp-feature' }, ...this.fields.map((f) => h('option', { value: f.name }, f.name)))),
            h('div', { id: 'dp-pdp' }),
          ),
          h('section', { 'aria-label': 'Nearest counterfactual' }, h('h2', null, 'Nearest counterfactual'), h('div', { id: 'dp-counterfactuals' })),
          h('section', { 'aria-label': 'Backends' }, h('h2', null, 'Backends'), this.backendTable()),
        ),
      ),
    );
    root.replaceChildren(mountView(page));
    root.setAttribute('aria-busy', 'false');
    this.load(this.history.current);
    this.wire();
    this.renderHistory();
  }

  private formView(): ViewNode {
    return h(
      'table',
      { class: 'dp-form-table' },
      h('thead', null, h('tr', null, h('th', null, 'Feature'), h('th', null, 'Value'), h('th', null, 'Missing'), h('th', null, 'Training'))),
      h(
        'tbody',
        null,
        ...this.fields.map((f, i) => {
          const readers = this.versions.filter((v) => v.model.reads.has(f.name)).map((v) => v.model.label);
          const notRead = readers.length < this.versions.length ? ` · not read by ${this.versions.filter((v) => !v.model.reads.has(f.name)).map((v) => v.model.label).join(', ')}` : '';
          const r = f.range;
          const parts =
            f.kind === 'numeric'
              ? [r?.trainingMean !== undefined ? `training mean ${formatNumber(r.trainingMean, 2)}` : '', r?.min !== undefined ? `${this.init.datasetName} range ${formatNumber(r.min, 2)} – ${formatNumber(r.max ?? NaN, 2)}` : '']
              : [`${f.vocabulary.length} values in the vocabulary`];
          const training = parts.filter(Boolean).join(' · ');
          return h(
            'tr',
            { class: 'dp-field', 'data-feature': f.name },
            h('th', { scope: 'row' }, h('label', { for: `dp-input-${i}` }, f.name)),
            h(
              'td',
              null,
              h('input', {
                id: `dp-input-${i}`,
                class: 'dp-input',
                'data-feature': f.name,
                type: 'text',
                inputmode: f.kind === 'numeric' ? 'decimal' : 'text',
                list: f.kind === 'vocabulary' ? `dp-vocab-${i}` : undefined,
                autocomplete: 'off',
                spellcheck: 'false',
              }),
              f.kind === 'vocabulary' ? h('datalist', { id: `dp-vocab-${i}` }, ...f.vocabulary.map((v) => h('option', { value: v }))) : null,
              h('span', { id: `dp-hint-${i}`, class: 'dp-hint', 'aria-live': 'polite' }),
            ),
            h('td', null, h('input', { id: `dp-missing-${i}`, type: 'checkbox', 'aria-label': `${f.name} is missing` })),
            h('td', { class: 'dp-muted' }, training + notRead),
          );
        }),
      ),
    );
  }

  private updateHint(i: number): void {
    const f = this.fields[i]!;
    const hint = byId(`dp-hint-${i}`);
    const v = this.fieldValue(f);
    let text = '';
    hint.className = 'dp-hint';
    if (v === null) text = 'missing';
    else if (f.kind === 'vocabulary' && !f.vocabulary.includes(String(v))) {
      text = 'out of vocabulary';
      hint.className = 'dp-hint dp-oov';
    } else if (f.kind === 'numeric' && typeof v !== 'number') {
      text = 'not a number';
      hint.className = 'dp-hint dp-oov';
    }
    const original = this.history.original[f.name] ?? null;
    const row = hint.closest('tr');
    row?.classList.toggle('dp-edited', String(original) !== String(v));
    hint.textContent = text;
  }

  private wire(): void {
    this.fields.forEach((f, i) => {
      const input = byId<HTMLInputElement>(`dp-input-${i}`);
      const missing = byId<HTMLInputElement>(`dp-missing-${i}`);
      input.addEventListener('input', () => this.changed());
      input.addEventListener('keydown', (e) => {
        if (e.key === 'Enter') {
          e.preventDefault();
          this.commit();
          this.changed();
        } else if (e.key === 'Escape') {
          e.preventDefault();
          const v = this.history.current[f.name];
          input.value = v === null || v === undefined ? '' : String(v);
          this.changed();
        }
      });
      input.addEventListener('change', () => this.commit());
      missing.addEventListener('change', () => {
        input.disabled = missing.checked;
        this.commit();
        this.changed();
      });
    });
    byId('dp-undo').addEventListener('click', () => this.undo());
    byId('dp-redo').addEventListener('click', () => this.redo());
    byId('dp-revert').addEventListener('click', () => this.apply(this.history.original));
    byId('dp-save').addEventListener('click', () => {
      const examples = this.history.all();
      this.post({ type: 'saveSession', requestId: ++this.requestId, jsonl: formatExampleSession(examples), examples: examples.length });
    });
    const baseline = byId<HTMLSelectElement>('dp-baseline');
    const baselineRow = byId<HTMLInputElement>('dp-baseline-row');
    const setBaseline = (): void => {
      const kind = baseline.value;
      baselineRow.disabled = kind !== 'row';
      this.baseline = kind === 'zeros' ? { kind: 'zeros' } : kind === 'row' ? { kind: 'row', row: Math.max(1, Math.floor(Number(baselineRow.value) || 1)) } : { kind: 'mean' };
      this.scheduleExplain(0);
    };
    baseline.addEventListener('change', setBaseline);
    baselineRow.addEventListener('change', setBaseline);
    const pdp = byId<HTMLSelectElement>('dp-pdp-feature');
    pdp.addEventListener('change', () => {
      this.pdpFeature = pdp.value;
      this.scheduleExplain(0);
    });
    document.addEventListener('keydown', (e) => {
      const target = e.target as HTMLElement | null;
      if (target && (target.tagName === 'INPUT' || target.tagName === 'SELECT')) return;
      const mod = e.ctrlKey || e.metaKey;
      if (mod && e.key.toLowerCase() === 'z') {
        e.preventDefault();
        if (e.shiftKey) this.redo();
        else this.undo();
      } else if (mod && e.key.toLowerCase() === 'y') {
        e.preventDefault();
        this.redo();
      }
    });
  }

  private renderHistory(): void {
    byId('dp-history').textContent = `edit ${this.history.position} of ${this.history.length - 1}`;
    byId<HTMLButtonElement>('dp-undo').disabled = !this.history.canUndo;
    byId<HTMLButtonElement>('dp-redo').disabled = !this.history.canRedo;
  }

  private renderLatency(): void {
    const sorted = [...this.latencies].sort((a, b) => a - b);
    byId('dp-latency').textContent = `Edit → scores: last ${formatNumber(this.latencies[this.latencies.length - 1]!, 2)} ms · p50 ${formatNumber(percentile(sorted, 0.5), 2)} ms · p95 ${formatNumber(percentile(sorted, 0.95), 2)} ms over ${sorted.length} edits (${this.decision.realtime})`;
  }

  private scoreText(v: VersionState, scores: readonly number[]): string {
    if (scores.length === 0) return 'n/a';
    const names = v.model.outputs.names;
    if (scores.length === 1) return formatNumber(scores[0]!);
    return scores.map((s, i) => `${names[i]}: ${formatNumber(s, 3)}`).join(', ');
  }

  private classText(v: VersionState, scores: readonly number[]): string {
    if (scores.length === 0) return '';
    return this.className(v, predictedClass(v.model.spec.task, scores, v.model.outputs.width, 0));
  }

  private className(v: VersionState, cls: number): string {
    if (Number.isNaN(cls)) return '';
    const names = v.model.spec.label?.classes;
    if (v.model.spec.task === 'binary') return names?.[cls] ?? (cls === 1 ? 'positive' : 'negative');
    return names?.[cls] ?? String(cls);
  }

  private renderScores(): void {
    const rows = this.versions.map((v) => {
      const change = v.scores.length > 0 && v.originalScores.length > 0 ? v.scores[0]! - v.originalScores[0]! : NaN;
      return h(
        'tr',
        { class: 'dp-score-row', 'data-version': v.model.label, 'data-score': v.scores.length > 0 ? String(v.scores[0]) : '' },
        h('th', { scope: 'row' }, v.model.label),
        h('td', { class: 'dp-score' }, this.scoreText(v, v.scores)),
        h('td', null, this.classText(v, v.scores)),
        h('td', null, this.scoreText(v, v.originalScores)),
        h('td', { class: Number.isFinite(change) && change !== 0 ? (change > 0 ? 'dp-up' : 'dp-down') : '' }, Number.isFinite(change) ? `${change > 0 ? '+' : ''}${formatNumber(change)}` : ''),
        h('td', { class: 'dp-problem' }, v.problems.join('; ')),
      );
    });
    replace(
      byId('dp-scores'),
      h('table', { class: 'dp-table' }, h('thead', null, h('tr', null, h('th', null, 'Version'), h('th', null, 'Score'), h('th', null, 'Class'), h('th', null, 'Original'), h('th', null, 'Change'), h('th', null, ''))), h('tbody', null, ...rows)),
    );
  }

  private renderAttributions(): void {
    let scale = 0;
    for (const v of this.versions) if (typeof v.attributions === 'object') for (const a of v.attributions.attributions) scale = Math.max(scale, Math.abs(a.attribution));
    const blocks = this.versions.map((v): ViewChild => {
      const a = v.attributions;
      if (a === undefined) return null;
      if (typeof a === 'string') return h('div', { class: 'dp-version-block' }, h('h3', null, v.model.label), h('p', { class: 'dp-problem' }, a));
      const order = this.fields.map((f) => f.name).filter((n) => v.model.reads.has(n));
      const bars = order.map((feature) => ({ feature, value: a.attributions.find((x) => x.feature === feature)?.attribution ?? 0 }));
      const c = a.completeness;
      return h(
        'div',
        { class: 'dp-version-block', 'data-version': v.model.label },
        h('h3', null, v.model.label),
        attributionChart(v.model.label, bars, scale),
        h(
          'p',
          { class: c.ok ? 'dp-muted dp-completeness' : 'dp-problem dp-completeness', 'data-residual': String(c.error) },
          `f(x) = ${formatNumber(a.prediction)}, f(baseline) = ${formatNumber(a.baselinePrediction)}; Σ attributions = ${formatNumber(c.sum)}, f(x) − f(baseline) = ${formatNumber(c.delta)}; completeness residual ${formatNumber(c.error)} (${c.steps} steps${c.ok ? '' : `, above the tolerance ${formatNumber(c.tolerance)}`})`,
        ),
      );
    });
    replace(byId('dp-attributions'), h('div', { class: 'dp-side-by-side' }, ...blocks));
  }

  private renderCounterfactuals(): void {
    const container = byId('dp-counterfactuals');
    const items = this.versions.map((v, i) => {
      const c = v.counterfactual;
      if (c === undefined || typeof c === 'string') return h('p', { class: 'dp-muted' }, `${v.model.label}: ${c ?? ''}`);
      const source = this.init.sample.sources[c.index] ?? `sample row ${c.index + 1}`;
      return h(
        'p',
        { class: 'dp-counterfactual', 'data-version': v.model.label },
        h('strong', null, `${v.model.label}: `),
        `${source} is predicted ${this.className(v, c.predictedClass)} at distance ${formatNumber(c.distance, 3)} (${formatNumber(c.numericDistance, 3)} over numbers + ${c.mismatches} categories differ); changes: ${c.changed.join(', ') || 'none'} `,
        h('button', { type: 'button', class: 'dp-apply', id: `dp-apply-${i}` }, 'Apply'),
      );
    });
    replace(container, h('div', null, ...items));
    this.versions.forEach((v, i) => {
      const c = v.counterfactual;
      if (typeof c !== 'object') return;
      document.getElementById(`dp-apply-${i}`)?.addEventListener('click', () => this.apply(this.sample[c.index]!));
    });
  }

  private async renderPdp(example: ExampleRecord, generation: number): Promise<void> {
    const f = this.fields.find((x) => x.name === this.pdpFeature)!;
    const grid: (number | string)[] = f.kind === 'numeric' ? quantileGrid(this.sample.map((r) => r[f.name] as number | string | null), 20) : [...f.vocabulary, OOV_LABEL];
    const series: CurveSeries[] = [];
    const notes: string[] = [];
    for (const [index, v] of this.versions.entries()) {
      if (!v.model.reads.has(f.name)) {
        notes.push(`${v.model.label} does not read ${f.name}`);
        continue;
      }
      if (v.scores.length === 0) continue;
      const w = v.model.transform.width;
      const rows = this.sample.length + 1;
      const inputs = new Float32Array(rows * w);
      inputs.set(v.sampleInputs);
      v.model.transform.transformRecord(example, inputs, this.sample.length * w);
      const scored = await gridScores(v.model, inputs, rows, f.name, grid, { meanRows: this.sample.length });
      if (generation !== this.explainGeneration) return;
      const k = v.model.outputs.width;
      const col = v.model.spec.task === 'multiclass' ? 0 : 0;
      const g = grid.length;
      series.push({
        version: v.model.label,
        index,
        pdp: grid.map((_, i) => scored.mean[i * k + col]!),
        ice: grid.map((_, i) => scored.curves[((rows - 1) * g + i) * k + col]!),
      });
    }
    const current = example[f.name];
    const chart =
      series.length === 0
        ? h('p', { class: 'dp-muted' }, 'No version reads this feature.')
        : f.kind === 'numeric'
          ? curveChart(f.name, grid as number[], series, typeof current === 'number' ? current : undefined)
          : barChart(f.name, grid as string[], series, current === null || current === undefined ? undefined : f.vocabulary.includes(String(current)) ? String(current) : OOV_LABEL);
    replace(
      byId('dp-pdp'),
      h(
        'div',
        null,
        chart,
        legend(series),
        h('p', { class: 'dp-muted' }, `PDP over ${this.sample.length} rows of ${this.init.datasetName}; the marker is this row's value (${current === null || current === undefined ? 'missing' : String(current)}).${notes.length ? ' ' + notes.join('; ') + '.' : ''}`),
      ),
    );
  }

  /** ONNX has no autodiff: say how its gradients are estimated (core's finiteDifferences), so a residual is read right. */
  private gradientNote(): ViewChild {
    const onnx = this.versions.filter((v) => v.model.onnx).map((v) => v.model.label);
    if (onnx.length === 0) return null;
    return h(
      'p',
      { class: 'dp-muted', id: 'dp-gradient-note' },
      `${onnx.join(', ')} (ONNX): gradients by central differences, step ${FINITE_DIFFERENCE_STEP} on the transformed inputs; the completeness residual includes their error.`,
    );
  }

  private backendTable(): ViewNode {
    const sizes = [1, 1000, 10000];
    const rate = (v: number | undefined): string => (v === undefined ? '–' : Math.round(v).toLocaleString('en-US'));
    return h(
      'table',
      { class: 'dp-table', id: 'dp-backends' },
      h('thead', null, h('tr', null, h('th', null, 'Backend'), h('th', null, 'Status'), ...sizes.map((s) => h('th', null, `${s.toLocaleString('en-US')} row${s > 1 ? 's' : ''}/s`)), h('th', null, 'Max |Δ| vs reference'), h('th', null, 'Why'))),
      h(
        'tbody',
        null,
        ...this.decision.trials.map((t) =>
          h(
            'tr',
            { class: `dp-backend-row dp-status-${t.status.replace(' ', '-')}`, 'data-backend': t.name, 'data-status': t.status },
            h('th', { scope: 'row' }, t.name as WebBackendName),
            h('td', null, t.status),
            ...sizes.map((s) => h('td', { class: 'dp-num' }, rate(t.rowsPerSecond?.[s]))),
            h('td', { class: 'dp-num' }, t.maxAbsDiff === undefined ? (t.name === this.decision.reference ? 'reference' : '–') : t.maxAbsDiff.toExponential(1)),
            h('td', null, t.reason),
          ),
        ),
      ),
    );
  }

  saved(path: string): void {
    byId('dp-history').textContent = `saved ${this.history.all().length} examples to ${path}`;
  }
}
