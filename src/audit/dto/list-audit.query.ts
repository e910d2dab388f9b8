import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { ListQueryDto } from '../../common/pagination/list-query.dto';

export class ListAuditQuery extends ListQueryDto {
  @ApiPropertyOptional({ example: 'User' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z]{1,50}$/)
  entityType?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  entityId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  actorId?: string;

  @ApiPropertyOptional({ example: 'update' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  action?: string;
}
