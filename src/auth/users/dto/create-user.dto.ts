import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsIn, IsString, Length, MaxLength, MinLength } from 'class-validator';
import { Trimmed } from '../../../common/http/query-transforms';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../../passwords';
import { STAFF_ROLES, type StaffRole } from '../../roles';

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

  @ApiProperty({
    minLength: PASSWORD_MIN_LENGTH,
    maxLength: PASSWORD_MAX_LENGTH,
    writeOnly: true,
    description:
      'At least two kinds of characters (lower case, upper case, digits, symbols); not a common password; not containing the e-mail or the name',
  })
  @IsString()
  @MinLength(PASSWORD_MIN_LENGTH)
  @MaxLength(PASSWORD_MAX_LENGTH)
  password!: string;
}
