/**
 * The ArrayBuffers under a job result's typed arrays, for postMessage's transfer list: a statistics state holds
 * tens of thousands of them on a wide dataset, and moving them costs nothing where cloning copies every value
 * (and holds it twice, once on each side, until the worker lets go).
 */
export function transferablesOf(value: unknown): ArrayBuffer[] {
  const found = new Set<ArrayBuffer>();
  const seen = new Set<object>();
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v !== 'object' || v === null) continue;
    if (ArrayBuffer.isView(v)) {
      // A view over a larger buffer would move the whole buffer: only whole, plain buffers are transferred.
      const buffer = v.buffer;
      if (buffer instanceof ArrayBuffer && v.byteOffset === 0 && v.byteLength === buffer.byteLength) found.add(buffer);
      continue;
    }
    if (seen.has(v)) continue;
    seen.add(v);
    if (Array.isArray(v)) for (const item of v) stack.push(item);
    else for (const key of Object.keys(v)) stack.push((v as Record<string, unknown>)[key]);
  }
  return [...found];
}
