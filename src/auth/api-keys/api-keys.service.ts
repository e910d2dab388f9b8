import { Transactional, TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { AuditService } from '../../audit/audit.service';
import { updateVersioned } from '../../common/concurrency/versioned-update';
import { sha256 } from '../../common/idempotency/canonical-json';
import { fieldError, notFound, ProblemException } from '../../common/errors/problem.exception';
import { paginate } from '../../common/pagination/keyset';
import { ListQueryDto } from '../../common/pagination/list-query.dto';
import { Page } from '../../common/pagination/page';
import type { Principal } from '../roles';
import { ApiKey } from './api-key.entity';
import { CreateApiKeyDto } from './dto/api-key.dto';

const ENTITY = 'ApiKey';
const KEY_PREFIX = 'pcrm_';

@Injectable()
export class ApiKeysService {
  constructor(
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly audit: AuditService,
  ) {}

  private get keys() {
    return this.txHost.tx.getRepository(ApiKey);
  }

  list(query: ListQueryDto): Promise<Page<ApiKey>> {
    return paginate(this.keys.createQueryBuilder('k'), query, {
      sortable: {
        createdAt: { column: 'k.createdAt', property: 'createdAt' },
        name: { column: 'k.name', property: 'name' },
      },
      defaultSort: '-createdAt',
      idColumn: 'k.id',
    });
  }

  async get(id: string): Promise<ApiKey> {
    const key = await this.keys.findOneBy({ id });
    if (!key) throw notFound(ENTITY, id);
    return key;
  }

  /** Creates a key; the plain key is returned here once and never stored. */
  @Transactional()
  async create(actor: Principal, dto: CreateApiKeyDto): Promise<{ apiKey: ApiKey; key: string }> {
    if (dto.expiresAt && new Date(dto.expiresAt).getTime() <= Date.now()) {
      throw new ProblemException('VALIDATION_FAILED', 'expiresAt must be in the future', {
        errors: [fieldError('expiresAt', 'must_be_future', 'must be in the future')],
      });
    }
    const key = `${KEY_PREFIX}${randomBytes(30).toString('base64url')}`;
    const saved = await this.keys.save(
      this.keys.create({
        name: dto.name,
        prefix: key.slice(0, 12),
        keyHash: sha256(key),
        role: 'integration',
        createdById: actor.kind === 'user' ? actor.id : null,
        expiresAt: dto.expiresAt ? new Date(dto.expiresAt) : null,
      }),
    );
    const apiKey = await this.get(saved.id);
    await this.audit.record({
      entityType: ENTITY,
      entityId: apiKey.id,
      action: 'create',
      after: apiKey,
    });
    return { apiKey, key };
  }

  @Transactional()
  async revoke(id: string, version: number, reason?: string): Promise<ApiKey> {
    const { before, after } = await updateVersioned(this.txHost.tx, ApiKey, ENTITY, id, version, {
      revokedAt: () => 'coalesce(revoked_at, now())',
    });
    await this.audit.record({
      entityType: ENTITY,
      entityId: id,
      action: 'revoke',
      before,
      after,
      reason,
    });
    return after;
  }

  /** The principal for a presented key, if it is known, unrevoked and unexpired. */
  async principalFor(presented: string): Promise<Principal | null> {
    if (!presented.startsWith(KEY_PREFIX) || presented.length > 200) return null;
    const [row] = await this.txHost.tx.query<{ id: string; role: 'integration' }[]>(
      `WITH valid AS (
         SELECT id, role, last_used_at FROM api_keys
          WHERE key_hash = $1 AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now())),
       touched AS (
         UPDATE api_keys SET last_used_at = now() FROM valid
          WHERE api_keys.id = valid.id AND (valid.last_used_at IS NULL OR valid.last_used_at < now() - interval '1 minute'))
       SELECT id, role FROM valid`,
      [sha256(presented)],
    );
    return row ? { kind: 'api_key', id: row.id, role: row.role } : null;
  }
}
