import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsBoolean, IsEmail, IsOptional, IsString, Length, MaxLength } from 'class-validator';
import { Trimmed } from '../../common/http/query-transforms';
import type { Contact } from '../contact.entity';
import { IsPhone } from '../phone-number';

export class CreateContactDto {
  @ApiProperty({ example: '张伟', maxLength: 100 })
  @Trimmed()
  @IsString()
  @Length(1, 100)
  name!: string;

  @ApiPropertyOptional({ example: '首席技术官 CTO' })
  @IsOptional()
  @Trimmed()
  @IsString()
  @MaxLength(100)
  title?: string;

  @ApiPropertyOptional({
    example: '+86 138 0000 0000',
    maxLength: 40,
    description: 'A valid phone number: Chinese unless it starts with + and a country code',
  })
  @IsOptional()
  @Trimmed()
  @MaxLength(40)
  @IsPhone()
  phone?: string;

  @ApiPropertyOptional({ format: 'email' })
  @IsOptional()
  @Trimmed()
  @IsEmail()
  @MaxLength(254)
  email?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Trimmed()
  @IsString()
  @MaxLength(100)
  wechat?: string;

  @ApiPropertyOptional({
    description: 'Make this the primary contact (the previous one stops being it)',
  })
  @IsOptional()
  @IsBoolean()
  isPrimary?: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  notes?: string;
}

export class UpdateContactDto extends PartialType(CreateContactDto, {
  skipNullProperties: false,
}) {}

export class ContactDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) companyId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ nullable: true, type: String }) title!: string | null;
  @ApiProperty({ nullable: true, type: String }) phone!: string | null;
  @ApiProperty({ nullable: true, type: String }) email!: string | null;
  @ApiProperty({ nullable: true, type: String }) wechat!: string | null;
  @ApiProperty() isPrimary!: boolean;
  @ApiProperty({ nullable: true, type: String }) notes!: string | null;
  @ApiProperty() version!: number;
  @ApiProperty() createdAt!: Date;
  @ApiProperty() updatedAt!: Date;

  static from(contact: Contact): ContactDto {
    const { company: _company, deletedAt: _deletedAt, ...fields } = contact;
    return Object.assign(new ContactDto(), fields);
  }
}
