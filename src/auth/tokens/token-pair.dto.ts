import { ApiProperty } from '@nestjs/swagger';

export class TokenPairDto {
  @ApiProperty({ description: 'JWT for `Authorization: Bearer …`' })
  accessToken!: string;

  @ApiProperty({ example: 'Bearer' })
  tokenType!: 'Bearer';

  @ApiProperty({ description: 'Seconds until the access token expires' })
  expiresIn!: number;

  @ApiProperty({ description: 'Single use: exchange it at /auth/refresh for a new pair' })
  refreshToken!: string;

  @ApiProperty()
  refreshExpiresAt!: Date;
}
