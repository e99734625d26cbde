/**
 * Turns selected rows into Salesforce's REST JSON: `attributes` first, then fields in SELECT order
 * with their canonical names; parent fields nest under the relationship name (`Owner: { … }` or
 * `Owner: null`), child subqueries become `{ totalSize, done, records }` (or null when empty).
 * A parent selected twice (`Owner.Name, Owner.Email`) is one nested object, placed where it first
 * appears.
 */
import type { SObjectRecord } from '../schema/types.js';
import type { RelationshipHop, ResolvedField } from './field-resolver.js';
import { followHops } from './field-resolver.js';
import type { SoqlSource } from './source.js';

export interface ChildResult {
  totalSize: number;
  done: true;
  records: Record<string, unknown>[];
}

type OutputNode =
  | { kind: 'field'; key: string; isBoolean: boolean }
  | { kind: 'parent'; key: string; hop: RelationshipHop; nodes: OutputNode[] }
  | { kind: 'subquery'; key: string; run: (row: SObjectRecord) => ChildResult | null };

export class Projection {
  private readonly nodes: OutputNode[] = [];
  private readonly seenColumns = new Set<string>();
  readonly columns: string[] = [];

  constructor(
    private readonly source: SoqlSource,
    private readonly objectName: string,
    private readonly urlPrefix: string,
  ) {}

  /** Adds a selected field; returns false if it was already selected (Salesforce rejects duplicates). */
  addField(resolved: ResolvedField): boolean {
    const lower = resolved.column.toLowerCase();
    if (this.seenColumns.has(lower)) return false;
    this.seenColumns.add(lower);
    this.columns.push(resolved.column);
    let nodes = this.nodes;
    for (const hop of resolved.hops) {
      let parent = nodes.find(
        (node): node is Extract<OutputNode, { kind: 'parent' }> =>
          node.kind === 'parent' && node.key === hop.relationshipName,
      );
      if (!parent) {
        parent = { kind: 'parent', key: hop.relationshipName, hop, nodes: [] };
        nodes.push(parent);
      }
      nodes = parent.nodes;
    }
    nodes.push({ kind: 'field', key: resolved.field.name, isBoolean: resolved.field.type === 'boolean' });
    return true;
  }

  addSubquery(relationshipName: string, run: (row: SObjectRecord) => ChildResult | null): boolean {
    const lower = relationshipName.toLowerCase();
    if (this.seenColumns.has(lower)) return false;
    this.seenColumns.add(lower);
    this.columns.push(relationshipName);
    this.nodes.push({ kind: 'subquery', key: relationshipName, run });
    return true;
  }

  render(row: SObjectRecord): Record<string, unknown> {
    return this.renderNodes(this.nodes, row, this.objectName);
  }

  private renderNodes(nodes: OutputNode[], row: SObjectRecord, type: string): Record<string, unknown> {
    const out: Record<string, unknown> = { attributes: { type, url: `${this.urlPrefix}${type}/${row.Id}` } };
    for (const node of nodes) {
      if (node.kind === 'field') {
        const value = row[node.key];
        // A checkbox is never null in Salesforce, even if the stored row lacks it.
        out[node.key] = value === undefined || value === null ? (node.isBoolean ? false : null) : value;
      } else if (node.kind === 'parent') {
        const parent = followHops(row, [node.hop], this.source);
        out[node.key] = parent ? this.renderNodes(node.nodes, parent, node.hop.target.name) : null;
      } else {
        out[node.key] = node.run(row);
      }
    }
    return out;
  }
}
