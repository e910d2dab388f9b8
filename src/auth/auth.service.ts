import { Injectable } from '@nestjs/common';
import { ProblemException } from '../common/errors/problem.exception';
import { decoyPasswordHash, verifyPassword } from './passwords';
import { LoginThrottleService } from './throttle/login-throttle.service';
import { ClientInfo, SessionsService } from './tokens/sessions.service';
import { LoginResponseDto } from './dto/login.dto';
import { UserDto } from './users/dto/user.dto';
import type { User } from './users/user.entity';
import { UsersService } from './users/users.service';

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersService,
    private readonly sessions: SessionsService,
    private readonly throttle: LoginThrottleService,
  ) {}

  /**
   * The user with these credentials. An unknown e-mail, a wrong password and an inactive account
   * all get the same 401, after the same amount of work.
   */
  async verifyCredentials(email: string, password: string, address: string): Promise<User> {
    const attempt = { email, address };
    await this.throttle.begin(attempt);
    const user = await this.users.findForLogin(email.trim());
    const valid = await verifyPassword(user?.passwordHash ?? (await decoyPasswordHash()), password);
    if (!user || !valid || !user.active) {
      throw new ProblemException('INVALID_CREDENTIALS', 'The e-mail or the password is wrong');
    }
    await this.throttle.succeeded(attempt);
    return user;
  }

  async login(user: User, client: ClientInfo): Promise<LoginResponseDto> {
    const pair = await this.sessions.open(user.id, client);
    await this.users.recordLogin(user.id);
    return { ...pair, user: UserDto.from({ ...user, lastLoginAt: new Date() }) };
  }
}
