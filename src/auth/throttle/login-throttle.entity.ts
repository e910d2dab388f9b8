import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Login attempts per account or per client address in the current window, shared by all instances. */
@Entity('login_throttles')
export class LoginThrottle {
  @PrimaryColumn({ type: 'varchar', length: 400 })
  key!: string;

  @Column({ type: 'integer' })
  attempts!: number;

  @Column({ type: 'timestamptz', precision: 3 })
  windowStartedAt!: Date;
}
