import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsString, MaxLength, MinLength } from 'class-validator';
import { TokenPairDto } from '../tokens/token-pair.dto';
import { UserDto } from '../users/dto/user.dto';

export class LoginDto {
  @ApiProperty({ format: 'email', example: 'admin@demo.park' })
  @IsEmail()
  @MaxLength(254)
  email!: string;

  @ApiProperty({ example: 'Demo#2026', writeOnly: true })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  password!: string;
}

export class RefreshDto {
  @ApiProperty({ description: 'The refresh token of the last pair' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  refreshToken!: string;
}

export class LoginResponseDto extends TokenPairDto {
  @ApiProperty({ type: UserDto })
  user!: UserDto;
}

export class MeDto {
  @ApiProperty({ enum: ['user', 'api_key'] }) kind!: 'user' | 'api_key';
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['admin', 'manager', 'promoter', 'viewer', 'integration'] }) role!: string;
  @ApiProperty({ required: false }) email?: string;
  @ApiProperty({ required: false }) displayName?: string;
  @ApiProperty({
    description: 'What the caller may do: CASL rules',
    type: 'array',
    items: { type: 'object' },
  })
  permissions!: unknown[];
}
