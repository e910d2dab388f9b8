import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ApiKey } from './api-keys/api-key.entity';
import { ApiKeysController } from './api-keys/api-keys.controller';
import { ApiKeysService } from './api-keys/api-keys.service';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { JWT_ALGORITHM, JWT_AUDIENCE, JWT_ISSUER, JwtSecret } from './jwt-secret';
import { LocalAuthGuard } from './local-auth.guard';
import { AuthGuard } from './policies/auth.guard';
import { PolicyService } from './policies/policy.service';
import { ApiKeyStrategy } from './strategies/api-key.strategy';
import { JwtStrategy } from './strategies/jwt.strategy';
import { LocalStrategy } from './strategies/local.strategy';
import { LoginThrottle } from './throttle/login-throttle.entity';
import { LoginThrottleService } from './throttle/login-throttle.service';
import { AuthSession } from './tokens/auth-session.entity';
import { RefreshToken } from './tokens/refresh-token.entity';
import { SessionsPurgeJob } from './tokens/sessions-purge.job';
import { SessionsService } from './tokens/sessions.service';
import { User } from './users/user.entity';
import { UsersController } from './users/users.controller';
import { UsersService } from './users/users.service';

@Module({
  imports: [
    PassportModule,
    TypeOrmModule.forFeature([User, AuthSession, RefreshToken, LoginThrottle, ApiKey]),
    JwtModule.registerAsync({
      extraProviders: [JwtSecret],
      inject: [JwtSecret],
      useFactory: (secret: JwtSecret) => ({
        secret: secret.value,
        signOptions: { algorithm: JWT_ALGORITHM, issuer: JWT_ISSUER, audience: JWT_AUDIENCE },
        verifyOptions: {
          algorithms: [JWT_ALGORITHM],
          issuer: JWT_ISSUER,
          audience: JWT_AUDIENCE,
        },
      }),
    }),
  ],
  controllers: [AuthController, UsersController, ApiKeysController],
  providers: [
    JwtSecret,
    AuthService,
    UsersService,
    SessionsService,
    SessionsPurgeJob,
    LoginThrottleService,
    ApiKeysService,
    PolicyService,
    LocalStrategy,
    LocalAuthGuard,
    JwtStrategy,
    ApiKeyStrategy,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [UsersService, PolicyService],
})
export class AuthModule {}
