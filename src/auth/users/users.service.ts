import { Transactional, TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { AuditService } from '../../audit/audit.service';
import { updateVersioned } from '../../common/concurrency/versioned-update';
import { fieldError, notFound, ProblemException } from '../../common/errors/problem.exception';
import { paginate } from '../../common/pagination/keyset';
import { Page } from '../../common/pagination/page';
import { hashPassword, PasswordOwner, passwordProblem } from '../passwords';
import type { Principal, StaffRole } from '../roles';
import { SessionsService } from '../tokens/sessions.service';
import { CreateUserDto } from './dto/create-user.dto';
import { ListUsersQuery } from './dto/list-users.query';
import { UpdateUserDto } from './dto/update-user.dto';
import { User } from './user.entity';

const ENTITY = 'User';

/** A 400 naming the password field when the password policy refuses it. */
function requireStrongPassword(password: string, owner: PasswordOwner): void {
  const problem = passwordProblem(password, owner);
  if (problem)
    throw new ProblemException('VALIDATION_FAILED', 'Invalid field(s): password', {
      errors: [fieldError('password', 'weak_password', problem)],
    });
}

export interface NewUser {
  email: string;
  displayName: string;
  role: StaffRole;
  password: string;
}

@Injectable()
export class UsersService {
  constructor(
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly audit: AuditService,
    private readonly sessions: SessionsService,
  ) {}

  private get users() {
    return this.txHost.tx.getRepository(User);
  }

  list(query: ListUsersQuery): Promise<Page<User>> {
    const qb = this.users.createQueryBuilder('u');
    if (query.role) qb.andWhere('u.role = :role', { role: query.role });
    if (query.active !== undefined) qb.andWhere('u.active = :active', { active: query.active });
    if (query.q) {
      const pattern = `%${query.q.replace(/[\\%_]/g, '\\$&')}%`;
      qb.andWhere('(u.displayName ILIKE :pattern OR u.email ILIKE :pattern)', { pattern });
    }
    return paginate(qb, query, {
      sortable: {
        displayName: { column: 'u.displayName', property: 'displayName' },
        email: { column: 'u.email', property: 'email' },
        role: { column: 'u.role', property: 'role' },
        createdAt: { column: 'u.createdAt', property: 'createdAt' },
        updatedAt: { column: 'u.updatedAt', property: 'updatedAt' },
      },
      defaultSort: 'displayName',
      idColumn: 'u.id',
    });
  }

  async get(id: string): Promise<User> {
    const user = await this.users.findOneBy({ id });
    if (!user) throw notFound(ENTITY, id);
    return user;
  }

  /** `checkPassword: false` only for the demo users, whose shared password is documented. */
  @Transactional()
  async create(dto: CreateUserDto | NewUser, { checkPassword = true } = {}): Promise<User> {
    const { password, ...fields } = dto;
    if (checkPassword) requireStrongPassword(password, fields);
    const created = await this.users.save(
      this.users.create({ ...fields, passwordHash: await hashPassword(password) }),
    );
    const user = await this.get(created.id);
    await this.audit.record({
      entityType: ENTITY,
      entityId: user.id,
      action: 'create',
      after: user,
    });
    return user;
  }

  @Transactional()
  async update(actor: Principal, id: string, version: number, dto: UpdateUserDto): Promise<User> {
    const { password, ...fields } = dto;
    if (
      actor.id === id &&
      ((fields.role && fields.role !== 'admin' && actor.role === 'admin') ||
        fields.active === false)
    ) {
      throw new ProblemException(
        'CONFLICT',
        'You cannot remove your own admin role or deactivate yourself; ask another admin',
      );
    }
    if (password !== undefined) {
      const current = await this.get(id);
      requireStrongPassword(password, {
        email: fields.email ?? current.email,
        displayName: fields.displayName ?? current.displayName,
      });
    }
    const changes = {
      ...fields,
      ...(password ? { passwordHash: await hashPassword(password) } : {}),
    };
    const { before, after } = await updateVersioned(
      this.txHost.tx,
      User,
      ENTITY,
      id,
      version,
      changes,
    );
    const accessChanged =
      before.role !== after.role || (before.active && !after.active) || password !== undefined;
    if (accessChanged) await this.sessions.revokeAllForUser(id, 'access-changed');
    await this.audit.record({
      entityType: ENTITY,
      entityId: id,
      action: 'update',
      before,
      after: password ? { ...after, passwordHash: 'changed' } : after,
    });
    return after;
  }

  @Transactional()
  async remove(actor: Principal, id: string, version: number, reason?: string): Promise<void> {
    if (actor.id === id)
      throw new ProblemException(
        'CONFLICT',
        'You cannot delete your own account; ask another admin',
      );
    const { before, after } = await updateVersioned(this.txHost.tx, User, ENTITY, id, version, {
      active: false,
      deletedAt: () => 'now()',
    });
    await this.sessions.revokeAllForUser(id, 'deleted');
    await this.audit.record({
      entityType: ENTITY,
      entityId: id,
      action: 'delete',
      before,
      after,
      reason,
    });
  }

  /** Ids of the active users with these roles (e.g. the managers to notify). */
  async activeIdsWithRoles(roles: StaffRole[]): Promise<string[]> {
    const users = await this.users.find({
      select: { id: true },
      where: { role: In(roles), active: true },
    });
    return users.map((user) => user.id);
  }

  /** The user, if it is active and has one of the roles; else a 400 naming the field. */
  async requireActive(id: string, roles: StaffRole[], field: string): Promise<User> {
    const user = await this.users.findOneBy({ id });
    if (!user || !user.active || !roles.includes(user.role)) {
      throw new ProblemException(
        'VALIDATION_FAILED',
        `${field} must be an active ${roles.join(' or ')}`,
        {
          errors: [fieldError(field, 'inactive_user', `must be an active ${roles.join(' or ')}`)],
        },
      );
    }
    return user;
  }

  /** The active user with this e-mail and its password hash, for login only. */
  findForLogin(email: string): Promise<User | null> {
    return this.users
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.email = :email', { email })
      .getOne();
  }

  /** Bookkeeping, not an edit: it bumps neither the version nor updatedAt. */
  async recordLogin(id: string): Promise<void> {
    await this.txHost.tx.query('UPDATE users SET last_login_at = now() WHERE id = $1', [id]);
  }

  /**
   * Creates the given users unless one with the e-mail exists (idempotent). The password policy
   * applies only when asked (the first admin's); the demo users share a documented password.
   */
  @Transactional()
  async ensureUsers(users: NewUser[], { checkPassword = false } = {}): Promise<number> {
    let created = 0;
    for (const user of users) {
      const exists = await this.users.exists({ where: { email: user.email }, withDeleted: true });
      if (!exists) {
        await this.create(user, { checkPassword });
        created++;
      }
    }
    return created;
  }
}
