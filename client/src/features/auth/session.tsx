import { createContext, useCallback, useContext, type ReactNode } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router-dom';
import { useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { Center, Container, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { TMeResponse } from '@shared/contracts/accounts';
import { ADMIN_ROLE, type TRole } from '@shared/contracts/organisations';
import { getMe, queryKeys, updateMe } from '../../api/endpoints';
import { currentLanguage } from '../../i18n';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoader } from '../../components/PageLoader';
import { LanguageSwitcher } from '../../components/LanguageSwitcher';
import { Brand } from '../../app/Brand';

export function useMe() {
  return useQuery({ queryKey: queryKeys.me, queryFn: getMe, staleTime: 60_000, retry: 1 });
}

const SessionContext = createContext<TMeResponse | null>(null);

/** The signed-in user and organisation; only inside <RequireAuth>. */
export function useSession(): TMeResponse {
  const me = useContext(SessionContext);
  if (!me) throw new Error('useSession() outside <RequireAuth>');
  return me;
}

export function hasRole(me: TMeResponse, ...roles: TRole[]): boolean {
  return me.user.roles.some((role) => roles.includes(role));
}

/** Buyer `admin`, UMKM `owner`, Dinkop `admin`: manages the profile and the members. */
export function isOrgAdmin(me: TMeResponse): boolean {
  return me.user.roles.includes(ADMIN_ROLE[me.organisation.kind]);
}

export function canSeeVerificationQueue(me: TMeResponse): boolean {
  return me.organisation.kind === 'dinkop' && hasRole(me, 'admin', 'curator');
}

export function canDecideVerification(me: TMeResponse): boolean {
  return me.organisation.kind === 'dinkop' && hasRole(me, 'admin');
}

const PUBLIC_QUERIES = new Set<unknown>(['me', 'regions', 'invitation']);

/** Drop everything cached for a previous user, keeping public data (regions, the invitation being accepted). */
export function clearUserData(queryClient: QueryClient): void {
  queryClient.removeQueries({ predicate: (query) => !PUBLIC_QUERIES.has(query.queryKey[0]) });
}

/** Set while signing out on purpose, so the redirect to /masuk carries no `next` back to the last page. */
let signedOutOnPurpose = false;
export function markSignedOut(): void {
  signedOutOnPurpose = true;
}

/**
 * After sign-in, registration or accepting an invitation the server has set the session cookie and
 * answered with who is signed in. Registration and invitations do not carry a language, so the one the
 * person used while filling in the form is saved to the new account.
 */
export function useStartSession() {
  const queryClient = useQueryClient();
  return useCallback(
    async (me: TMeResponse, options: { keepUiLanguage: boolean }): Promise<TMeResponse> => {
      signedOutOnPurpose = false;
      clearUserData(queryClient);
      let current = me;
      const language = currentLanguage();
      if (options.keepUiLanguage && me.user.locale !== language) {
        try {
          current = await updateMe({ locale: language });
        } catch {
          // the account keeps the server's default language; not worth failing the sign-in for
        }
      }
      queryClient.setQueryData(queryKeys.me, current);
      return current;
    },
    [queryClient],
  );
}

function FullPageError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { t } = useTranslation();
  return (
    <Container size="xs" py="md">
      <Group justify="space-between" wrap="nowrap">
        <Brand />
        <LanguageSwitcher />
      </Group>
      <Center mih="60vh">
        <ErrorAlert error={error} title={t('app.name')} onRetry={onRetry} testId="session-error" />
      </Center>
    </Container>
  );
}

/** Pages behind sign-in: no session → /masuk?next=… ; server unreachable → friendly error with retry. */
export function RequireAuth({ children }: { children?: ReactNode }) {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <PageLoader fullScreen />;
  if (me.isError && me.data === undefined)
    return <FullPageError error={me.error} onRetry={() => void me.refetch()} />;
  if (!me.data) {
    const next = `${location.pathname}${location.search}`;
    const to = next === '/' || signedOutOnPurpose ? '/masuk' : `/masuk?next=${encodeURIComponent(next)}`;
    return <Navigate to={to} replace />;
  }
  return <SessionContext.Provider value={me.data}>{children ?? <Outlet />}</SessionContext.Provider>;
}

/** A `next` parameter is followed only to a path of this site. */
export function safeNext(next: string | null): string {
  if (next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\')) return next;
  return '/';
}
