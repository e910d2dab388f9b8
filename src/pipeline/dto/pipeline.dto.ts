import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
} from 'class-validator';
import { Trimmed } from '../../common/http/query-transforms';
import { STAGE_KINDS, type Stage, type StageKind } from '../stage.entity';
import type { Pipeline } from '../pipeline.entity';

export class CreatePipelineDto {
  @ApiProperty({ example: '算力客户流程' }) @Trimmed() @IsString() @Length(1, 100) name!: string;
  @ApiPropertyOptional({ example: 'Compute clients' })
  @IsOptional()
  @Trimmed()
  @IsString()
  @Length(1, 100)
  nameEn?: string;
}

export class UpdatePipelineDto extends PartialType(CreatePipelineDto, {
  skipNullProperties: false,
}) {}

export class PipelineDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ nullable: true, type: String }) nameEn!: string | null;
  @ApiProperty() isDefault!: boolean;
  @ApiProperty() version!: number;
  @ApiProperty() createdAt!: Date;
  @ApiProperty() updatedAt!: Date;

  static from(pipeline: Pipeline): PipelineDto {
    return Object.assign(new PipelineDto(), pipeline);
  }
}

export class CreateStageDto {
  @ApiProperty({ example: '技术验证' }) @Trimmed() @IsString() @Length(1, 100) name!: string;
  @ApiProperty({ example: 'Technical validation' })
  @Trimmed()
  @IsString()
  @Length(1, 100)
  nameEn!: string;
  @ApiPropertyOptional({
    description: 'Place in the pipeline (1 = first); the others shift. Default: last.',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100)
  position?: number;
  @ApiProperty({ minimum: 0, maximum: 100 }) @IsInt() @Min(0) @Max(100) probability!: number;
  @ApiPropertyOptional({ description: 'Days a deal may stay before an SLA alert' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(3650)
  slaDays?: number;
  @ApiPropertyOptional({ enum: STAGE_KINDS, default: 'open' })
  @IsOptional()
  @IsIn(STAGE_KINDS)
  kind?: StageKind;
  @ApiPropertyOptional({
    type: [String],
    description:
      'Requirements to enter: completed_site_visit, agreed_terms, lost_reason (and those other modules add)',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @Matches(/^[a-z_]{1,40}$/, { each: true })
  gates?: string[];
}

export class UpdateStageDto extends PartialType(CreateStageDto, { skipNullProperties: false }) {
  @ApiPropertyOptional({
    description: 'Retire the stage (it keeps its deals’ history) or bring it back',
  })
  @IsOptional()
  @IsBoolean()
  retired?: boolean;
}

export class StageDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) pipelineId!: string;
  @ApiProperty({ nullable: true, type: String }) code!: string | null;
  @ApiProperty() name!: string;
  @ApiProperty() nameEn!: string;
  @ApiProperty() position!: number;
  @ApiProperty() probability!: number;
  @ApiProperty({ nullable: true, type: Number }) slaDays!: number | null;
  @ApiProperty({ enum: STAGE_KINDS }) kind!: StageKind;
  @ApiProperty({ type: [String] }) gates!: string[];
  @ApiProperty({ nullable: true, type: Date }) retiredAt!: Date | null;
  @ApiProperty() version!: number;

  static from(stage: Stage): StageDto {
    const { pipeline: _pipeline, createdAt: _c, updatedAt: _u, ...fields } = stage;
    return Object.assign(new StageDto(), fields);
  }
}
