import { Login, LoginForm } from 'react-admin';

export function LoginPage() {
  return (
    <Login>
      <LoginForm />
    </Login>
  );
}
