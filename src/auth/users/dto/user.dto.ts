import { ApiProperty } from '@nestjs/swagger';
import { STAFF_ROLES, type StaffRole } from '../../roles';
import type { User } from '../user.entity';

export class UserDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'email' }) email!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ enum: STAFF_ROLES }) role!: StaffRole;
  @ApiProperty() active!: boolean;
  @ApiProperty({ nullable: true, type: Date }) lastLoginAt!: Date | null;
  @ApiProperty({ description: 'Send as If-Match to change the record' }) version!: number;
  @ApiProperty() createdAt!: Date;
  @ApiProperty() updatedAt!: Date;

  static from(user: User): UserDto {
    const { id, email, displayName, role, active, lastLoginAt, version, createdAt, updatedAt } =
      user;
    return Object.assign(new UserDto(), {
      id,
      email,
      displayName,
      role,
      active,
      lastLoginAt,
      version,
      createdAt,
      updatedAt,
    });
  }
}
