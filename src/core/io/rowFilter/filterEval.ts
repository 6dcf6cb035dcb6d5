/**
 * Evaluates a parsed filter on one row's cells (text, null when missing). A number compares numerically with a
 * cell that parses as a number (a cell that does not never matches `<`/`>`, and is unequal); text compares
 * exactly. A missing cell matches only `is missing` (and `!=`). List cells (`[a, b]`, TFRecord) match `=`/`in` when
 * any element does.
 */
import type { FilterExpr, FilterValue } from './filterParser.js';

export type CellLookup = (column: string) => string | null | undefined;

export function matchesFilter(expr: FilterExpr, cell: CellLookup): boolean {
  switch (expr.kind) {
    case 'and':
      return matchesFilter(expr.left, cell) && matchesFilter(expr.right, cell);
    case 'or':
      return matchesFilter(expr.left, cell) || matchesFilter(expr.right, cell);
    case 'not':
      return !matchesFilter(expr.operand, cell);
    case 'missing': {
      const v = cell(expr.column);
      const missing = v === null || v === undefined;
      return expr.negated ? !missing : missing;
    }
    case 'in': {
      const v = cell(expr.column);
      return v !== null && v !== undefined && expr.values.some((value) => equals(v, value));
    }
    case 'compare': {
      const v = cell(expr.column);
      if (v === null || v === undefined) return expr.op === '!=';
      switch (expr.op) {
        case '=':
          return equals(v, expr.value);
        case '!=':
          return !equals(v, expr.value);
        case 'contains':
          return v.includes(expr.value.kind === 'text' ? expr.value.value : expr.value.text);
        default:
          return ordered(v, expr.op, expr.value);
      }
    }
    default: {
      const never: never = expr;
      return never;
    }
  }
}

function elements(cell: string): string[] {
  return cell.startsWith('[') && cell.endsWith(']') ? cell.slice(1, -1).split(', ') : [cell];
}

function equals(cell: string, value: FilterValue): boolean {
  return elements(cell).some((e) => (value.kind === 'number' ? e.trim() !== '' && Number(e) === value.value : e === value.value));
}

function ordered(cell: string, op: '<' | '<=' | '>' | '>=', value: FilterValue): boolean {
  if (value.kind === 'text') {
    const c = cell < value.value ? -1 : cell > value.value ? 1 : 0;
    return op === '<' ? c < 0 : op === '<=' ? c <= 0 : op === '>' ? c > 0 : c >= 0;
  }
  if (cell.trim() === '') return false;
  const n = Number(cell);
  if (Number.isNaN(n)) return false;
  return op === '<' ? n < value.value : op === '<=' ? n <= value.value : op === '>' ? n > value.value : n >= value.value;
}
