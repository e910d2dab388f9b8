import {
  Column,
  JoinColumn,
  ManyToOne,
  type Relation,
  CreateDateColumn,
  DeleteDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import { Company } from './company.entity';

/** A person at a company; each company with contacts has exactly one primary. */
@Entity('contacts')
@Index('idx_contacts_company', ['companyId', 'createdAt'])
@Index('uq_contacts_primary', ['companyId'], {
  unique: true,
  where: 'is_primary AND deleted_at IS NULL',
})
@Index('idx_contacts_name_trgm', { synchronize: false })
// Also a GIN index on crm_ngrams(name) (migrations/1796000060000-NgramSearch.ts), unseen by TypeORM.
export class Contact {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) companyId!: string;
  @ManyToOne(() => Company, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'company_id', foreignKeyConstraintName: 'fk_contacts_company' })
  company?: Relation<Company>;
  @Column({ type: 'varchar', length: 100 }) name!: string;
  @Column({ type: 'varchar', length: 100, nullable: true }) title!: string | null;
  @Column({ type: 'varchar', length: 40, nullable: true }) phone!: string | null;
  @Column({ type: 'varchar', length: 254, nullable: true }) email!: string | null;
  @Column({ type: 'varchar', length: 100, nullable: true }) wechat!: string | null;
  @Column({ type: 'boolean', default: false }) isPrimary!: boolean;
  @Column({ type: 'text', nullable: true }) notes!: string | null;
  @VersionColumn({ default: 1 }) version!: number;
  @CreateDateColumn({ type: 'timestamptz', precision: 3 }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz', precision: 3 }) updatedAt!: Date;
  @DeleteDateColumn({ type: 'timestamptz', precision: 3, nullable: true }) deletedAt!: Date | null;
}
