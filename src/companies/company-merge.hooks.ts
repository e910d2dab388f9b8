import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** Moves a module's records from a merged company to the survivor; returns how many moved. */
export type CompanyMergeHook = (
  tx: EntityManager,
  survivorId: string,
  sourceId: string,
) => Promise<number>;

/**
 * Modules that hold records of a company (deals, activities, leases, …) register here, so that a
 * merge moves them in the same transaction without the companies module knowing them.
 */
@Injectable()
export class CompanyMergeHooks {
  private readonly hooks = new Map<string, CompanyMergeHook>();

  register(name: string, hook: CompanyMergeHook): void {
    this.hooks.set(name, hook);
  }

  private readonly dependents = new Map<
    string,
    (tx: EntityManager, companyId: string) => Promise<number>
  >();

  /** Records that still need the company (open leads, deals): deleting it is refused while any exist. */
  registerDependents(
    name: string,
    count: (tx: EntityManager, companyId: string) => Promise<number>,
  ): void {
    this.dependents.set(name, count);
  }

  async activeDependents(tx: EntityManager, companyId: string): Promise<Record<string, number>> {
    const found: Record<string, number> = {};
    for (const [name, count] of this.dependents) {
      const n = await count(tx, companyId);
      if (n > 0) found[name] = n;
    }
    return found;
  }

  async run(
    tx: EntityManager,
    survivorId: string,
    sourceId: string,
  ): Promise<Record<string, number>> {
    const moved: Record<string, number> = {};
    for (const [name, hook] of this.hooks) moved[name] = await hook(tx, survivorId, sourceId);
    return moved;
  }
}
