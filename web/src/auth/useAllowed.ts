import { useQuery } from '@tanstack/react-query';
import { readSession } from '../api/session';
import { allows } from './ability';
import { currentAbility } from './authProvider';

/**
 * Whether the signed-in user may do `action` on `resource` (on `record`, when given), decided in
 * each render from the API's own rules. react-admin's useCanAccess keeps its answer under the
 * record's id alone, so a record still loading, or one built for the check (`{ dealOwnerId }`,
 * which has no id), kept the first answer given, for every record after it. Undefined while the
 * rules load, or when not `enabled`.
 */
export function useAllowed(
  action: string,
  resource: string,
  record?: Record<string, unknown>,
  enabled = true,
): boolean | undefined {
  const { data: ability } = useQuery({
    queryKey: ['auth', 'ability', readSession()?.user.id ?? null],
    queryFn: currentAbility,
    staleTime: Infinity,
  });
  if (!ability || !enabled) return undefined;
  return allows(ability, action, resource, record);
}
