import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Deal } from './deal.entity';

export interface GateContext {
  deal: Deal;
  /** What the move itself brings (e.g. the lost reason given with it). */
  lostReason?: string | null;
  tx: EntityManager;
}

/** Null when the requirement holds; else what is missing, said so a person can act on it. */
export type GateCheck = (context: GateContext) => Promise<string | null>;

/**
 * Stage entry requirements by code. Stages name the gates they need (data); modules that own the
 * evidence register the checks (site visits register `completed_site_visit`, spaces `reserved_unit`).
 */
@Injectable()
export class GateRegistry {
  private readonly checks = new Map<string, GateCheck>([
    [
      'agreed_terms',
      async ({ deal }) => {
        const missing = [
          !deal.expectedArea && 'expected area (m²)',
          !deal.targetMoveInDate && 'target move-in date',
        ].filter(Boolean);
        return missing.length ? `Agree the terms first: set ${missing.join(' and ')}` : null;
      },
    ],
    [
      'lost_reason',
      async ({ deal, lostReason }) =>
        lostReason || deal.lostReason ? null : 'Give the reason the deal was lost (lostReason)',
    ],
  ]);

  knows(code: string): boolean {
    return this.checks.has(code);
  }

  get codes(): string[] {
    return [...this.checks.keys()];
  }

  register(code: string, check: GateCheck): void {
    this.checks.set(code, check);
  }

  /** Every unmet requirement of these gates, in order. */
  async unmet(gates: string[], context: GateContext): Promise<{ gate: string; message: string }[]> {
    const unmet: { gate: string; message: string }[] = [];
    for (const gate of gates) {
      const check = this.checks.get(gate);
      const message = check
        ? await check(context)
        : `The requirement "${gate}" cannot be checked yet`;
      if (message) unmet.push({ gate, message });
    }
    return unmet;
  }
}

/** Reactions to a deal entering a stage (by its code), run in the move's transaction. */
@Injectable()
export class StageHooks {
  private readonly hooks = new Map<string, ((deal: Deal) => Promise<void>)[]>();

  onEnter(code: string, hook: (deal: Deal) => Promise<void>): void {
    this.hooks.set(code, [...(this.hooks.get(code) ?? []), hook]);
  }

  async entered(code: string | null, deal: Deal): Promise<void> {
    for (const hook of (code && this.hooks.get(code)) || []) await hook(deal);
  }
}
