import { Body, Controller, Get, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import {
  ApiBody,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { AuthService } from './auth.service';
import { CurrentPrincipal } from './current-principal.decorator';
import { LoginDto, LoginResponseDto, MeDto, RefreshDto } from './dto/login.dto';
import { LocalAuthGuard } from './local-auth.guard';
import { Authenticated, Public } from './policies/auth-decision.decorator';
import { PolicyService } from './policies/policy.service';
import type { Principal } from './roles';
import { SessionsService } from './tokens/sessions.service';
import { TokenPairDto } from './tokens/token-pair.dto';
import type { User } from './users/user.entity';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly sessions: SessionsService,
    private readonly policy: PolicyService,
  ) {}

  @Post('login')
  @Public()
  @UseGuards(LocalAuthGuard)
  @HttpCode(200)
  @ApiOperation({ summary: 'Log in with e-mail and password: an access token and a refresh token' })
  @ApiBody({ type: LoginDto })
  @ApiOkResponse({ type: LoginResponseDto })
  @ApiTooManyRequestsResponse({
    description: 'LOGIN_THROTTLED: too many failed logins for the account or address',
  })
  login(
    @Body() _credentials: LoginDto,
    @Req() request: FastifyRequest & { user: User },
  ): Promise<LoginResponseDto> {
    return this.auth.login(request.user, {
      ipAddress: request.ip,
      userAgent: request.headers['user-agent'],
    });
  }

  @Post('refresh')
  @Public()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Exchange a refresh token for a new pair; a reused token signs the session out',
  })
  @ApiOkResponse({ type: TokenPairDto })
  refresh(@Body() dto: RefreshDto): Promise<TokenPairDto> {
    return this.sessions.rotate(dto.refreshToken);
  }

  @Post('logout')
  @Public()
  @HttpCode(204)
  @ApiOperation({ summary: 'Sign out the session of a refresh token' })
  @ApiNoContentResponse()
  async logout(@Body() dto: RefreshDto): Promise<void> {
    await this.sessions.close(dto.refreshToken);
  }

  @Get('me')
  @Authenticated({ apiKeys: true })
  @ApiOperation({ summary: 'The caller, its role and its permissions' })
  @ApiOkResponse({ type: MeDto })
  me(@CurrentPrincipal() principal: Principal): MeDto {
    const { kind, id, role, email, displayName } = principal;
    return {
      kind,
      id,
      role,
      email,
      displayName,
      permissions: this.policy.abilityFor(principal).rules,
    };
  }
}
