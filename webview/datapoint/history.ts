/** Every edit the user applied, for undo and redo: a list of examples and a cursor. Pure. */
import type { ExampleRecord } from '../../src/core/model/featureTransform.js';

export class EditHistory {
  private readonly entries: ExampleRecord[];
  private at = 0;

  constructor(original: ExampleRecord) {
    this.entries = [original];
  }

  get current(): ExampleRecord {
    return this.entries[this.at]!;
  }
  get original(): ExampleRecord {
    return this.entries[0]!;
  }
  get position(): number {
    return this.at;
  }
  get length(): number {
    return this.entries.length;
  }
  get canUndo(): boolean {
    return this.at > 0;
  }
  get canRedo(): boolean {
    return this.at < this.entries.length - 1;
  }

  /** Applies an edit: drops any redo entries, keeps the new example (not if it equals the current one). */
  push(example: ExampleRecord): boolean {
    if (JSON.stringify(example) === JSON.stringify(this.current)) return false;
    this.entries.splice(this.at + 1);
    this.entries.push(example);
    this.at = this.entries.length - 1;
    return true;
  }
  undo(): ExampleRecord {
    if (this.at > 0) this.at--;
    return this.current;
  }
  redo(): ExampleRecord {
    if (this.at < this.entries.length - 1) this.at++;
    return this.current;
  }
  /** The session as saved: every example up to the cursor, in order. */
  all(): readonly ExampleRecord[] {
    return this.entries.slice(0, this.at + 1);
  }
}
