/**
 * The trees of an ONNX TreeEnsembleRegressor / TreeEnsembleClassifier (ai.onnx.ml), read from its attributes into
 * plain arrays, with evaluation of one row in margin space (before the post transform), so TreeSHAP (treeShap.ts)
 * can walk the same trees onnxruntime runs.
 */
import { FacetwiseError } from '../../data/issues.js';
import type { AttributeProto, ModelProto, NodeProto } from '../../proto/gen/onnx/onnx_pb.js';

export type SplitMode = 'BRANCH_LEQ' | 'BRANCH_LT' | 'BRANCH_GTE' | 'BRANCH_GT' | 'BRANCH_EQ' | 'BRANCH_NEQ' | 'LEAF';

export interface TreeNodeInfo {
  readonly mode: SplitMode;
  /** Input column tested. */
  readonly column: number;
  readonly threshold: number;
  /** Child indices within the tree's node list (-1 for a leaf). */
  readonly yes: number;
  readonly no: number;
  /** Where a missing (NaN) value goes. */
  readonly missingGoesYes: boolean;
  /** Leaf weight per output index (regression target or class). */
  readonly weights: ReadonlyMap<number, number>;
}

export interface TreeEnsemble {
  readonly kind: 'regressor' | 'classifier';
  readonly trees: readonly (readonly TreeNodeInfo[])[];
  /** Root index of each tree. */
  readonly roots: readonly number[];
  readonly baseValues: readonly number[];
  readonly postTransform: string;
  /** The graph input the ensemble reads. */
  readonly input: string;
}

const text = (a: AttributeProto | undefined): string => (a ? new TextDecoder().decode(a.s) : '');
const texts = (a: AttributeProto | undefined): string[] => (a ? a.strings.map((s) => new TextDecoder().decode(s)) : []);
const ints = (a: AttributeProto | undefined): number[] => (a ? a.ints.map(Number) : []);
const floats = (a: AttributeProto | undefined): number[] => (a ? [...a.floats] : []);

/** The one tree-ensemble node of the graph, reading the graph's input directly (no preprocessing before it). */
export function findTreeEnsemble(model: ModelProto, file: string): TreeEnsemble {
  const graph = model.graph!;
  const nodes = graph.node.filter((n) => n.domain === 'ai.onnx.ml' && (n.opType === 'TreeEnsembleRegressor' || n.opType === 'TreeEnsembleClassifier'));
  if (nodes.length !== 1) throw new FacetwiseError('TREESHAP_UNSUPPORTED', `TreeSHAP needs exactly one TreeEnsembleRegressor/Classifier node and the model has ${nodes.length}: use KernelSHAP (--method shap)`, { file });
  const node = nodes[0]!;
  const inputs = new Set(graph.input.map((i) => i.name));
  if (!inputs.has(node.input[0] ?? '')) {
    throw new FacetwiseError('TREESHAP_UNSUPPORTED', `the tree ensemble reads "${node.input[0]}", computed inside the model, not the model's input: use KernelSHAP (--method shap)`, { file });
  }
  return readEnsemble(node, file);
}

function readEnsemble(node: NodeProto, file: string): TreeEnsemble {
  const attrs = new Map(node.attribute.map((a) => [a.name, a]));
  const classifier = node.opType === 'TreeEnsembleClassifier';
  const leafPrefix = classifier ? 'class' : 'target';
  if (attrs.has('nodes_values_as_tensor') || attrs.has('nodes_featureids') === false) {
    throw new FacetwiseError('TREESHAP_UNSUPPORTED', 'tree attributes stored as tensors (or absent) are not read; use KernelSHAP (--method shap)', { file });
  }
  const treeIds = ints(attrs.get('nodes_treeids'));
  const nodeIds = ints(attrs.get('nodes_nodeids'));
  const columns = ints(attrs.get('nodes_featureids'));
  const thresholds = floats(attrs.get('nodes_values'));
  const modes = texts(attrs.get('nodes_modes')) as SplitMode[];
  const yes = ints(attrs.get('nodes_truenodeids'));
  const no = ints(attrs.get('nodes_falsenodeids'));
  const missing = ints(attrs.get('nodes_missing_value_tracks_true'));
  const leafTrees = ints(attrs.get(`${leafPrefix}_treeids`));
  const leafNodes = ints(attrs.get(`${leafPrefix}_nodeids`));
  const leafIds = ints(attrs.get(`${leafPrefix}_ids`));
  const leafWeights = floats(attrs.get(`${leafPrefix}_weights`));
  const n = treeIds.length;
  if ([nodeIds, columns, thresholds, modes, yes, no].some((a) => a.length !== n) || [leafNodes, leafIds, leafWeights].some((a) => a.length !== leafTrees.length)) {
    throw new FacetwiseError('TREESHAP_UNSUPPORTED', 'the tree ensemble\'s node attributes have different lengths', { file });
  }
  // Trees and nodes are identified by ids; index them.
  const treeOrder = [...new Set(treeIds)];
  const index = new Map<string, number>();
  const perTree: number[][] = treeOrder.map(() => []);
  const treeIndex = new Map(treeOrder.map((t, i) => [t, i]));
  for (let i = 0; i < n; i++) {
    const t = treeIndex.get(treeIds[i]!)!;
    index.set(`${treeIds[i]}:${nodeIds[i]}`, perTree[t]!.length);
    perTree[t]!.push(i);
  }
  const weights = new Map<string, Map<number, number>>();
  for (let i = 0; i < leafTrees.length; i++) {
    const key = `${leafTrees[i]}:${leafNodes[i]}`;
    const m = weights.get(key) ?? new Map<number, number>();
    m.set(leafIds[i]!, (m.get(leafIds[i]!) ?? 0) + leafWeights[i]!);
    weights.set(key, m);
  }
  const trees = perTree.map((list, t) =>
    list.map((i): TreeNodeInfo => {
      const leaf = modes[i] === 'LEAF';
      const child = (id: number): number => {
        const at = index.get(`${treeOrder[t]}:${id}`);
        if (at === undefined) throw new FacetwiseError('TREESHAP_UNSUPPORTED', `tree ${treeOrder[t]} points to a node ${id} it does not have`, { file });
        return at;
      };
      return {
        mode: modes[i]!,
        column: columns[i]!,
        threshold: thresholds[i]!,
        yes: leaf ? -1 : child(yes[i]!),
        no: leaf ? -1 : child(no[i]!),
        missingGoesYes: missing[i] === 1,
        weights: weights.get(`${treeIds[i]}:${nodeIds[i]}`) ?? new Map(),
      };
    }),
  );
  // The root is the node no other node points to.
  const roots = trees.map((tree) => {
    const pointed = new Set(tree.flatMap((nd) => (nd.yes >= 0 ? [nd.yes, nd.no] : [])));
    const root = tree.findIndex((_, i) => !pointed.has(i));
    return root < 0 ? 0 : root;
  });
  trees.forEach((tree, t) => checkAcyclic(tree, roots[t]!, String(treeOrder[t]), file));
  return {
    kind: classifier ? 'classifier' : 'regressor',
    trees,
    roots,
    baseValues: floats(attrs.get('base_values')),
    postTransform: text(attrs.get('post_transform')) || 'NONE',
    input: node.input[0]!,
  };
}

/** A branch that leads back to itself would make every walk down the tree (margin, TreeSHAP) loop forever. */
function checkAcyclic(tree: readonly TreeNodeInfo[], root: number, treeId: string, file: string): void {
  // Iterative depth-first walk: 1 = on the current path, 2 = done.
  const state = new Uint8Array(tree.length);
  const stack: { node: number; next: number }[] = [{ node: root, next: 0 }];
  state[root] = 1;
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    const nd = tree[top.node]!;
    const child = nd.yes < 0 ? -1 : top.next === 0 ? nd.yes : top.next === 1 ? nd.no : -1;
    top.next++;
    if (top.next > 2 || nd.yes < 0) {
      state[top.node] = 2;
      stack.pop();
    } else if (state[child] === 1) {
      throw new FacetwiseError('TREESHAP_UNSUPPORTED', `tree ${treeId} is not a tree: a branch leads back to a node above it`, { file });
    } else if (state[child] === 0) {
      state[child] = 1;
      stack.push({ node: child, next: 0 });
    }
  }
}

/** Whether a value takes the node's "yes" branch. */
export function goesYes(node: TreeNodeInfo, value: number): boolean {
  if (Number.isNaN(value)) return node.missingGoesYes;
  switch (node.mode) {
    case 'BRANCH_LEQ':
      return value <= node.threshold;
    case 'BRANCH_LT':
      return value < node.threshold;
    case 'BRANCH_GTE':
      return value >= node.threshold;
    case 'BRANCH_GT':
      return value > node.threshold;
    case 'BRANCH_EQ':
      return value === node.threshold;
    case 'BRANCH_NEQ':
      return value !== node.threshold;
    case 'LEAF':
      return false;
  }
}

/** The ensemble's raw score (margin, before the post transform) for output `k` on one row. */
export function ensembleMargin(e: TreeEnsemble, row: ArrayLike<number>, k: number): number {
  let s = e.baseValues[k] ?? 0;
  e.trees.forEach((tree, t) => {
    let at = e.roots[t]!;
    for (;;) {
      const nd = tree[at]!;
      if (nd.mode === 'LEAF') {
        s += nd.weights.get(k) ?? 0;
        break;
      }
      at = goesYes(nd, row[nd.column]!) ? nd.yes : nd.no;
    }
  });
  return s;
}
