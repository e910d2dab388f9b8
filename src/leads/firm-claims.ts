import { Injectable } from '@nestjs/common';
import { ACTIVE_LEAD_STATUSES } from './lead.enums';

/**
 * When a lead still claims its firm for conflict checks (撞单): while it is being worked, and while
 * whatever it became is still open. Modules add such conditions as SQL on the lead alias `l`
 * (the pipeline adds "its deal is in an open stage"), so the leads module need not know them.
 */
@Injectable()
export class FirmClaims {
  private readonly conditions: string[] = [
    `l.status IN (${ACTIVE_LEAD_STATUSES.map((s) => `'${s}'`).join(', ')})`,
  ];

  register(condition: string): void {
    this.conditions.push(condition);
  }

  /** SQL true when the lead `l` claims its firm. */
  get sql(): string {
    return `(${this.conditions.join(' OR ')})`;
  }
}
