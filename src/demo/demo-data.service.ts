import { Transactional, TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { Injectable, Logger } from '@nestjs/common';
import { NewUser, UsersService } from '../auth/users/users.service';

export const DEMO_PASSWORD = 'Demo#2026';

export const DEMO_USERS: NewUser[] = [
  {
    email: 'admin@demo.park',
    displayName: '系统管理员 Admin',
    role: 'admin',
    password: DEMO_PASSWORD,
  },
  {
    email: 'manager@demo.park',
    displayName: '招商负责人 Manager',
    role: 'manager',
    password: DEMO_PASSWORD,
  },
  {
    email: 'promoter1@demo.park',
    displayName: '招商专员一 Promoter 1',
    role: 'promoter',
    password: DEMO_PASSWORD,
  },
  {
    email: 'promoter2@demo.park',
    displayName: '招商专员二 Promoter 2',
    role: 'promoter',
    password: DEMO_PASSWORD,
  },
  {
    email: 'viewer@demo.park',
    displayName: '只读用户 Viewer',
    role: 'viewer',
    password: DEMO_PASSWORD,
  },
];

/** Seeds the demo park; idempotent, and serialised across instances by an advisory lock. */
@Injectable()
export class DemoDataService {
  private readonly logger = new Logger(DemoDataService.name);

  constructor(
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly users: UsersService,
  ) {}

  @Transactional()
  async seed(): Promise<void> {
    await this.txHost.tx.query(`SELECT pg_advisory_xact_lock(hashtext('park-crm:demo-seed'))`);
    const created = await this.users.ensureUsers(DEMO_USERS);
    if (created > 0) this.logger.log(`seeded ${created} demo users`);
  }
}
