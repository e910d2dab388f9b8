import { Injectable } from '@nestjs/common';
import { Brackets, ObjectLiteral, SelectQueryBuilder, WhereExpressionBuilder } from 'typeorm';
import { forbidden } from '../../common/errors/problem.exception';
import type { Principal } from '../roles';
import { Action, AppAbility, defineAbilities, subjectOf, SubjectType } from './abilities';

type Condition = Record<string, unknown>;

@Injectable()
export class PolicyService {
  /**
   * Abilities by principal object: the session check hands the same principal to every request
   * within SESSION_CHECK_TTL_MS, and a changed role or a new session comes as a new object.
   */
  private readonly abilities = new WeakMap<Principal, AppAbility>();

  abilityFor(principal: Principal): AppAbility {
    let ability = this.abilities.get(principal);
    if (!ability) {
      ability = defineAbilities(principal);
      this.abilities.set(principal, ability);
    }
    return ability;
  }

  /** May the principal do `action` on some record of this type? */
  canAny(principal: Principal, action: Action, type: SubjectType): boolean {
    return this.abilityFor(principal).can(action, type);
  }

  /** Throws 403 unless the principal may do `action` on this very record. */
  assert(
    principal: Principal,
    action: Action,
    type: Exclude<SubjectType, 'all'>,
    record: object,
  ): void {
    if (!this.abilityFor(principal).can(action, subjectOf(type, record))) {
      throw forbidden(`Your role (${principal.role}) may not ${action} this ${type}`);
    }
  }

  /**
   * Narrows a list query to the records the principal may `action`, from the same rules: the OR of
   * the allowing rules' equality conditions on `alias.property` (null → IS NULL). False when no
   * record is allowed. Rules with operators ($in, $ne, …) are refused rather than half-translated.
   */
  scope<T extends ObjectLiteral>(
    qb: SelectQueryBuilder<T>,
    principal: Principal,
    action: Action,
    type: SubjectType,
  ): boolean {
    const rules = this.abilityFor(principal).rulesFor(action, type);
    if (rules.some((rule) => rule.inverted)) {
      throw new Error(`PolicyService.scope supports only "can" rules (${type}: ${action})`);
    }
    if (rules.length === 0) return false;
    if (rules.some((rule) => !rule.conditions || Object.keys(rule.conditions).length === 0))
      return true;
    let index = 0;
    qb.andWhere(
      new Brackets((or) => {
        for (const rule of rules) {
          or.orWhere(
            new Brackets((and: WhereExpressionBuilder) => {
              for (const [property, value] of Object.entries(rule.conditions as Condition)) {
                if (value === null) {
                  and.andWhere(`${qb.alias}.${property} IS NULL`);
                  continue;
                }
                if (typeof value === 'object') {
                  throw new Error(
                    `PolicyService.scope supports equality conditions only (${type}.${property})`,
                  );
                }
                const name = `policy${index++}`;
                and.andWhere(`${qb.alias}.${property} = :${name}`, { [name]: value });
              }
            }),
          );
        }
      }),
    );
    return true;
  }
}
