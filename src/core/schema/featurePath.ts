/**
 * Feature paths as TFDV names them: a list of steps, serialized with "." between steps and single quotes around
 * a step that contains ".", "(", ")" or "'" (TFDV's Path::Serialize). The serialized form keys
 * `Anomalies.anomaly_info`.
 */

export type FeaturePath = readonly string[];

const standardStep = /^(?:\([^()]*\)|[^().']+)$/;

export function serializeStep(step: string): string {
  if (standardStep.test(step)) return step;
  return `'${step.replaceAll("'", "''")}'`;
}

export function serializePath(path: FeaturePath): string {
  return path.map(serializeStep).join('.');
}

/** The inverse of serializePath; returns undefined for text that no path serializes to. */
export function parsePath(text: string): FeaturePath | undefined {
  if (text === '') return [];
  const steps: string[] = [];
  let i = 0;
  while (i <= text.length) {
    if (text[i] === "'") {
      let step = '';
      let j = i + 1;
      for (;;) {
        if (j >= text.length) return undefined;
        if (text[j] === "'") {
          if (text[j + 1] === "'") {
            step += "'";
            j += 2;
            continue;
          }
          break;
        }
        step += text[j];
        j++;
      }
      steps.push(step);
      i = j + 1;
    } else if (text[i] === '(') {
      const close = text.indexOf(')', i);
      if (close < 0) return undefined;
      steps.push(text.slice(i, close + 1));
      i = close + 1;
    } else {
      let j = i;
      while (j < text.length && text[j] !== '.') j++;
      const step = text.slice(i, j);
      if (step === '') return undefined;
      steps.push(step);
      i = j;
    }
    if (i === text.length) return steps;
    if (text[i] !== '.') return undefined;
    i++;
  }
  return steps;
}

export function samePath(a: FeaturePath, b: FeaturePath): boolean {
  return a.length === b.length && a.every((s, i) => s === b[i]);
}
