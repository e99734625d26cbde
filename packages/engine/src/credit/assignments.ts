import type { Assignment } from '../types.js';

/** Each rep's assignments, sorted by start. */
export class AssignmentIndex {
  private readonly byRep = new Map<string, Assignment[]>();

  constructor(assignments: readonly Assignment[]) {
    for (const assignment of assignments) {
      const list = this.byRep.get(assignment.repId);
      if (list) list.push(assignment);
      else this.byRep.set(assignment.repId, [assignment]);
    }
    for (const list of this.byRep.values()) list.sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  }

  /** The rep's assignments, sorted by start (they never overlap). */
  of(repId: string): readonly Assignment[] {
    return this.byRep.get(repId) ?? [];
  }
}
