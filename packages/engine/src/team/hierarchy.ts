import type { DateString, Manager } from '../types.js';

/** The dated reporting lines (v2 §3): who manages whom on a given day. */
export class Hierarchy {
  private readonly byRep = new Map<string, Manager[]>();

  constructor(managers: readonly Manager[]) {
    for (const entry of managers) {
      const list = this.byRep.get(entry.repId);
      if (list) list.push(entry);
      else this.byRep.set(entry.repId, [entry]);
    }
  }

  /** `repId`'s manager on `date`, or undefined. */
  managerOn(repId: string, date: DateString): string | undefined {
    const entries = this.byRep.get(repId);
    if (entries === undefined) return undefined;
    for (const entry of entries)
      if (entry.from <= date && (entry.to === undefined || date <= entry.to)) return entry.managerId;
    return undefined;
  }

  /** Every manager above `repId` on `date`, nearest first (validation guarantees the chain ends). */
  chainOf(repId: string, date: DateString): string[] {
    const chain: string[] = [];
    let current = this.managerOn(repId, date);
    while (current !== undefined && chain.length <= this.byRep.size) {
      chain.push(current);
      current = this.managerOn(current, date);
    }
    return chain;
  }
}
