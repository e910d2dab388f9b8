import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { QueryBoolean, Trimmed } from '../../../common/http/query-transforms';
import { ListQueryDto } from '../../../common/pagination/list-query.dto';
import { STAFF_ROLES, type StaffRole } from '../../roles';

export class ListUsersQuery extends ListQueryDto {
  @ApiPropertyOptional({ enum: STAFF_ROLES })
  @IsOptional()
  @IsIn(STAFF_ROLES)
  role?: StaffRole;

  @ApiPropertyOptional()
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ description: 'Part of the name or e-mail' })
  @IsOptional()
  @Trimmed()
  @IsString()
  @MaxLength(100)
  q?: string;
}
