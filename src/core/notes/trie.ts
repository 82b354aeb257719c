// A trie of UTF-16 code units in flat arrays: nodes are numbers (the root is 0), and the children of all nodes sit
// in one open-addressing table keyed by (node, code unit). Reading notes walks it a character at a time, across
// word boundaries too, so a step is a few array reads rather than a map lookup per node.

/** The root node. */
export const ROOT = 0;
/** No node: a step that leads nowhere. */
export const NONE = -1;

export class CharTrie {
  private nodes = 1;
  /** per node: the value a key ending there was given, or -1 */
  private values = new Int32Array(64).fill(-1);
  /** per node: a bit for each code unit that goes on from it (the unit modulo 32), and one for the unit / 32
   * modulo 32; a unit setting no bit in either goes on nowhere, which most steps find out without the table */
  private low = new Int32Array(64);
  private high = new Int32Array(64);
  // Children: (parent + 1, code unit) → child, 0 for an empty slot.
  private parents = new Int32Array(256);
  private units = new Uint16Array(256);
  private children = new Int32Array(256);
  private edges = 0;

  /** The node reached from `node` by code unit `unit`, or NONE. */
  step(node: number, unit: number): number {
    if (!(this.low[node]! & (1 << (unit & 31))) || !(this.high[node]! & (1 << ((unit >>> 5) & 31)))) return NONE;
    const mask = this.parents.length - 1;
    const parent = node + 1;
    for (let slot = edgeSlot(node, unit, mask); ; slot = (slot + 1) & mask) {
      const p = this.parents[slot]!;
      if (p === 0) return NONE;
      if (p === parent && this.units[slot] === unit) return this.children[slot]!;
    }
  }

  /** Whether some key goes on past `node`. */
  goesOn(node: number): boolean {
    return this.low[node] !== 0;
  }

  /** The bits of the code units that go on from `node` (their unit modulo 32, and unit / 32 modulo 32): a unit
   * setting no bit in either goes on from no node whose bits were ORed together. */
  lowBits(node: number): number {
    return this.low[node]!;
  }

  highBits(node: number): number {
    return this.high[node]!;
  }

  /** The value of the key ending at `node`, or -1. */
  value(node: number): number {
    return this.values[node]!;
  }

  /** Adds `key` (all of it; nodes already there are shared) and returns the node where it ends. */
  insert(key: string): number {
    let node = ROOT;
    for (let i = 0; i < key.length; i++) {
      const unit = key.charCodeAt(i);
      const next = this.step(node, unit);
      node = next === NONE ? this.addChild(node, unit) : next;
    }
    return node;
  }

  /** Gives the key ending at `node` its value, unless it has one. */
  setValue(node: number, value: number): void {
    if (this.values[node]! < 0) this.values[node] = value;
  }

  private addChild(node: number, unit: number): number {
    const child = this.nodes++;
    if (child === this.values.length) {
      this.values = grow(this.values, -1);
      this.low = grow(this.low, 0);
      this.high = grow(this.high, 0);
    }
    this.low[node] = this.low[node]! | (1 << (unit & 31));
    this.high[node] = this.high[node]! | (1 << ((unit >>> 5) & 31));
    if (2 * ++this.edges > this.parents.length) this.rehash();
    this.put(node, unit, child);
    return child;
  }

  private put(node: number, unit: number, child: number): void {
    const mask = this.parents.length - 1;
    let slot = edgeSlot(node, unit, mask);
    while (this.parents[slot] !== 0) slot = (slot + 1) & mask;
    this.parents[slot] = node + 1;
    this.units[slot] = unit;
    this.children[slot] = child;
  }

  private rehash(): void {
    const { parents, units, children } = this;
    this.parents = new Int32Array(parents.length * 2);
    this.units = new Uint16Array(parents.length * 2);
    this.children = new Int32Array(parents.length * 2);
    for (let slot = 0; slot < parents.length; slot++) if (parents[slot] !== 0) this.put(parents[slot]! - 1, units[slot]!, children[slot]!);
  }
}

function edgeSlot(node: number, unit: number, mask: number): number {
  const h = Math.imul(node, 0x9e3779b1) ^ Math.imul(unit, 0x85ebca6b);
  return (h ^ (h >>> 15)) & mask;
}

function grow(array: Int32Array<ArrayBuffer>, fill: number): Int32Array<ArrayBuffer> {
  const next = new Int32Array(array.length * 2);
  next.set(array);
  if (fill !== 0) next.fill(fill, array.length);
  return next;
}
