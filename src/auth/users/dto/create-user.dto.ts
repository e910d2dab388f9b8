import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsIn, IsString, Length, MaxLength, MinLength } from 'class-validator';
import { Trimmed } from '../../../common/http/query-transforms';
import { STAFF_ROLES, type StaffRole } from '../../roles';

export const PASSWORD_MIN_LENGTH = 10;

export class CreateUserDto {
  @ApiProperty({ format: 'email', maxLength: 254 })
  @Trimmed()
  @IsEmail()
  @MaxLength(254)
  email!: string;

  @ApiProperty({ minLength: 1, maxLength: 100, example: '王芳' })
  @Trimmed()
  @IsString()
  @Length(1, 100)
  displayName!: string;

  @ApiProperty({ enum: STAFF_ROLES })
  @IsIn(STAFF_ROLES)
  role!: StaffRole;

  @ApiProperty({ minLength: PASSWORD_MIN_LENGTH, maxLength: 200, writeOnly: true })
  @IsString()
  @MinLength(PASSWORD_MIN_LENGTH)
  @MaxLength(200)
  password!: string;
}
