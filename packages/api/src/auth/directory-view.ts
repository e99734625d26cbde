/**
 * The API's in-memory copy of the synced directory, with the questions access control asks:
 * who is this user, do they hold an Attain permission set, and is someone under them in the
 * ManagerId tree. Reloaded whenever the stored content hash moves (checked on every request, one
 * GET), so a permission set removed in Salesforce stops working at the next sync.
 */
import type { Directory, DirectoryStore, DirectoryUser } from '@attain/store';

export class DirectoryView {
  private readonly users = new Map<string, DirectoryUser>();
  private readonly reports = new Map<string, string[]>();
  private readonly sets = new Map<string, ReadonlySet<string>>();

  constructor(
    directory: Directory | null,
    /** The content hash this view was built from (null: never synced). */
    readonly hash: string | null,
  ) {
    for (const user of directory?.users ?? []) {
      this.users.set(user.id, user);
      if (user.managerId === null) continue;
      const list = this.reports.get(user.managerId) ?? [];
      list.push(user.id);
      this.reports.set(user.managerId, list);
    }
    for (const [userId, held] of Object.entries(directory?.permissionSets ?? {})) this.sets.set(userId, new Set(held));
  }

  user(userId: string): DirectoryUser | undefined {
    return this.users.get(userId);
  }

  holds(userId: string, permissionSet: string): boolean {
    return this.sets.get(userId)?.has(permissionSet) ?? false;
  }

  /** Whether `repId` is below `managerId` in the ManagerId tree (directly or not); a cycle ends the walk. */
  isUnder(repId: string, managerId: string): boolean {
    const seen = new Set<string>();
    let current = this.users.get(repId)?.managerId ?? null;
    while (current !== null && !seen.has(current)) {
      if (current === managerId) return true;
      seen.add(current);
      current = this.users.get(current)?.managerId ?? null;
    }
    return false;
  }

  /** Everyone below `managerId`, breadth first (direct reports first), each once. */
  teamOf(managerId: string): DirectoryUser[] {
    const out: DirectoryUser[] = [];
    const seen = new Set<string>([managerId]);
    const queue = [...(this.reports.get(managerId) ?? [])];
    for (let next = 0; next < queue.length; next++) {
      const id = queue[next] as string;
      if (seen.has(id)) continue;
      seen.add(id);
      const user = this.users.get(id);
      if (user) out.push(user);
      queue.push(...(this.reports.get(id) ?? []));
    }
    return out;
  }

  hasReports(userId: string): boolean {
    return (this.reports.get(userId)?.length ?? 0) > 0;
  }
}

/**
 * Keeps the view current: the stored hash is read at most once per `checkEveryMs` (default 1 s: a
 * role change brought by a sync takes effect within a second of it, at one small GET per second
 * instead of one per request), and the directory reloaded (once for all concurrent callers) when
 * the hash moved.
 */
export class DirectoryCache {
  private view = new DirectoryView(null, null);
  private loading: Promise<DirectoryView> | null = null;
  private checkedAt = Number.NEGATIVE_INFINITY;
  private checking: Promise<string | null> | null = null;

  constructor(
    private readonly store: DirectoryStore,
    private readonly checkEveryMs = 1000,
    private readonly now: () => number = () => performance.now(),
  ) {}

  async current(): Promise<DirectoryView> {
    if (this.now() - this.checkedAt < this.checkEveryMs) return this.view;
    this.checking ??= this.store.hash().finally(() => {
      this.checking = null;
    });
    const hash = await this.checking;
    this.checkedAt = this.now();
    if (hash === this.view.hash) return this.view;
    if (!this.loading) {
      this.loading = this.store
        .get()
        .then((stored) => {
          this.view = new DirectoryView(stored?.directory ?? null, stored?.hash ?? null);
          return this.view;
        })
        .finally(() => {
          this.loading = null;
        });
    }
    return this.loading;
  }
}
