import { ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsBoolean, IsOptional } from 'class-validator';
import { CreateUserDto } from './create-user.dto';

/** Fields may be left out, but not set to null. */
export class UpdateUserDto extends PartialType(CreateUserDto, { skipNullProperties: false }) {
  @ApiPropertyOptional({ description: 'false signs the user out everywhere and blocks new logins' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}
