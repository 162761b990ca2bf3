import { useState, type FormEvent } from 'react';
import {
  Alert,
  Badge,
  Button,
  Card,
  CopyButton,
  Group,
  Modal,
  Paper,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { formatDateTimeWib, formatDateWib } from '@shared/time';
import {
  ADMIN_ROLE,
  ZChangeMemberRolesRequest,
  ZInviteMemberRequest,
  type TInvitation,
  type TMember,
  type TRole,
  type ZInviteMemberResponse,
} from '@shared/contracts/organisations';
import { ApiError } from '../../api/client';
import {
  cancelInvitation,
  changeMemberRoles,
  inviteMember,
  listMembers,
  queryKeys,
  removeMember,
} from '../../api/endpoints';
import { RoleBadges } from '../../components/Badges';
import { ConfirmModal } from '../../components/ConfirmModal';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormActions } from '../../components/FormActions';
import { PageLoader } from '../../components/PageLoader';
import { focusFirstInvalid, serverFieldErrors, useFieldErrors, validate } from '../../components/forms';
import { currentLanguage } from '../../i18n';
import { isOrgAdmin, useSession } from '../auth/session';
import { RolesCheckboxes } from './RolesCheckboxes';

type InviteResult = z.infer<typeof ZInviteMemberResponse>;

/** The LAST_ADMIN error names the admin role of this kind of organisation (Admin, or Pemilik for UMKM). */
function useLastAdminMessage() {
  const me = useSession();
  const { t } = useTranslation();
  return (error: unknown): string | undefined =>
    error instanceof ApiError && error.code === 'LAST_ADMIN'
      ? t('members.lastAdmin', { role: t(`labels.roles.${ADMIN_ROLE[me.organisation.kind]}`) })
      : undefined;
}

function absoluteUrl(url: string): string {
  try {
    return new URL(url, window.location.origin).toString();
  } catch {
    return url;
  }
}

function InviteLink({ result, onClose }: { result: InviteResult; onClose: () => void }) {
  const me = useSession();
  const { t } = useTranslation();
  const url = absoluteUrl(result.acceptUrl);
  const whatsapp = `https://wa.me/?text=${encodeURIComponent(t('members.whatsappText', { org: me.organisation.name, url }))}`;
  return (
    <Alert
      color="green"
      variant="light"
      title={t('members.inviteCreated', { email: result.invitation.email })}
      withCloseButton
      onClose={onClose}
      closeButtonLabel={t('app.close')}
      data-testid="invite-result"
    >
      <Stack gap="xs">
        <Text size="sm">{t('members.inviteLinkHint')}</Text>
        <TextInput
          label={t('members.inviteLink')}
          value={url}
          readOnly
          onFocus={(event) => event.currentTarget.select()}
          data-testid="invite-link"
        />
        <Group gap="xs">
          <CopyButton value={url}>
            {({ copied, copy }) => (
              <Button
                size="xs"
                color={copied ? 'teal' : 'green'}
                onClick={copy}
                data-testid="invite-link-copy"
              >
                {copied ? t('members.copied') : t('members.copy')}
              </Button>
            )}
          </CopyButton>
          <Button
            size="xs"
            variant="light"
            component="a"
            href={whatsapp}
            target="_blank"
            rel="noopener noreferrer"
          >
            {t('members.shareWhatsapp')}
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}

function InviteForm() {
  const me = useSession();
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [email, setEmail] = useState('');
  const [roles, setRoles] = useState<TRole[]>([]);
  const [result, setResult] = useState<InviteResult | null>(null);
  const fields = useFieldErrors();

  const mutation = useMutation({
    mutationFn: inviteMember,
    onSuccess: (response) => {
      setResult(response);
      setEmail('');
      setRoles([]);
      void queryClient.invalidateQueries({ queryKey: queryKeys.members });
    },
    onError: (error) => {
      const server = serverFieldErrors(error);
      if (error instanceof ApiError && error.code === 'EMAIL_TAKEN') server.email = t('errors.EMAIL_TAKEN');
      fields.setServer(server);
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const form = event.currentTarget instanceof HTMLFormElement ? event.currentTarget : null;
    const validated = validate(ZInviteMemberRequest, { email, roles }, t);
    fields.setErrors(validated.ok ? {} : validated.errors);
    focusFirstInvalid(form);
    if (validated.ok) {
      setResult(null);
      mutation.mutate(validated.data);
    }
  };

  return (
    <Paper withBorder radius="md" p={{ base: 'sm', sm: 'lg' }}>
      <form onSubmit={submit} noValidate data-testid="invite-form">
        <Stack gap="sm">
          <div>
            <Title order={2} size="h4">
              {t('members.inviteTitle')}
            </Title>
            <Text size="sm" c="dimmed">
              {t('members.inviteHint')}
            </Text>
          </div>
          {result && <InviteLink result={result} onClose={() => setResult(null)} />}
          <TextInput
            label={t('members.email')}
            type="email"
            inputMode="email"
            required
            value={email}
            {...fields.bind('email', setEmail)}
            data-testid="invite-email"
          />
          <RolesCheckboxes
            kind={me.organisation.kind}
            label={t('members.roles')}
            value={roles}
            onChange={(next) => {
              setRoles(next);
              fields.clear('roles');
            }}
            error={fields.errorOf('roles')}
            testIdPrefix="invite-role"
          />
          {mutation.isError && (
            <ErrorAlert error={mutation.error} showIssues fieldKeys={['email', 'roles']} />
          )}
          <div>
            <Button type="submit" loading={mutation.isPending} data-testid="invite-submit">
              {t('members.invite')}
            </Button>
          </div>
        </Stack>
      </form>
    </Paper>
  );
}

function ChangeRolesModal({ member, onClose }: { member: TMember; onClose: () => void }) {
  const me = useSession();
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const lastAdminMessage = useLastAdminMessage();
  const [roles, setRoles] = useState<TRole[]>(member.roles);
  const fields = useFieldErrors();
  const mutation = useMutation({
    mutationFn: (body: z.infer<typeof ZChangeMemberRolesRequest>) => changeMemberRoles(member.userId, body),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.members });
      if (member.userId === me.user.id) void queryClient.invalidateQueries({ queryKey: queryKeys.me });
      notifications.show({ color: 'green', message: t('members.rolesSaved', { name: member.name }) });
      onClose();
    },
    onError: (error) => fields.setServer(serverFieldErrors(error)),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const form = event.currentTarget instanceof HTMLFormElement ? event.currentTarget : null;
    const validated = validate(ZChangeMemberRolesRequest, { roles }, t);
    fields.setErrors(validated.ok ? {} : validated.errors);
    focusFirstInvalid(form);
    if (validated.ok) mutation.mutate(validated.data);
  };
  return (
    <Modal opened onClose={onClose} title={t('members.changeRolesTitle', { name: member.name })} centered>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <RolesCheckboxes
            kind={me.organisation.kind}
            label={t('members.roles')}
            value={roles}
            onChange={(next) => {
              setRoles(next);
              fields.clear('roles');
            }}
            error={fields.errorOf('roles')}
            testIdPrefix="member-role"
          />
          {mutation.isError && (
            <ErrorAlert
              error={mutation.error}
              message={lastAdminMessage(mutation.error)}
              showIssues
              fieldKeys={['roles']}
            />
          )}
          <FormActions
            onCancel={onClose}
            pending={mutation.isPending}
            submitLabel={t('app.save')}
            testId="member-roles-save"
          />
        </Stack>
      </form>
    </Modal>
  );
}

function RemoveMemberModal({ member, onClose }: { member: TMember; onClose: () => void }) {
  const me = useSession();
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const lastAdminMessage = useLastAdminMessage();
  const mutation = useMutation({
    mutationFn: () => removeMember(member.userId),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.members });
      notifications.show({ color: 'green', message: t('members.removed', { name: member.name }) });
      onClose();
      if (member.userId === me.user.id) void queryClient.invalidateQueries({ queryKey: queryKeys.me });
    },
  });
  return (
    <ConfirmModal
      opened
      onClose={onClose}
      title={t('members.removeTitle')}
      body={t('members.removeConfirm', { name: member.name, email: member.email, org: me.organisation.name })}
      confirmLabel={t('members.remove')}
      color="red"
      onConfirm={() => mutation.mutate()}
      loading={mutation.isPending}
      error={mutation.error}
      errorMessage={lastAdminMessage(mutation.error)}
      testId="member-remove-confirm"
    />
  );
}

function CancelInvitationModal({ invitation, onClose }: { invitation: TInvitation; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const mutation = useMutation({
    mutationFn: () => cancelInvitation(invitation.id),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.members });
      notifications.show({
        color: 'green',
        message: t('members.invitationCancelled', { email: invitation.email }),
      });
      onClose();
    },
  });
  return (
    <ConfirmModal
      opened
      onClose={onClose}
      title={t('members.cancelInvitationTitle')}
      body={t('members.cancelInvitationConfirm', { email: invitation.email })}
      confirmLabel={t('members.cancelInvitation')}
      color="red"
      onConfirm={() => mutation.mutate()}
      loading={mutation.isPending}
      error={mutation.error}
      testId="invitation-cancel-confirm"
    />
  );
}

function MemberCard({
  member,
  isSelf,
  admin,
  onChangeRoles,
  onRemove,
}: {
  member: TMember;
  isSelf: boolean;
  admin: boolean;
  onChangeRoles: () => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Card withBorder radius="md" p="sm" data-testid="member-card">
      <Group justify="space-between" align="flex-start" gap="sm">
        <Stack gap={4} style={{ minWidth: 0, flex: '1 1 220px' }}>
          <Group gap="xs">
            <Text fw={600}>{member.name}</Text>
            {isSelf && (
              <Badge size="xs" variant="light">
                {t('app.you')}
              </Badge>
            )}
          </Group>
          <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
            {member.email}
            {member.phone ? ` · ${member.phone}` : ''}
          </Text>
          <RoleBadges roles={member.roles} />
          <Text size="xs" c="dimmed">
            {t('members.joinedAt', { date: formatDateWib(member.joinedAt, currentLanguage()) })}
          </Text>
        </Stack>
        {admin && (
          <Group gap="xs" role="group" aria-label={t('members.memberActions', { name: member.name })}>
            <Button size="xs" variant="light" onClick={onChangeRoles}>
              {t('members.changeRoles')}
            </Button>
            <Button size="xs" variant="subtle" color="red" onClick={onRemove}>
              {t('members.remove')}
            </Button>
          </Group>
        )}
      </Group>
    </Card>
  );
}

export function MembersPage() {
  const me = useSession();
  const { t } = useTranslation();
  const admin = isOrgAdmin(me);
  const query = useQuery({ queryKey: queryKeys.members, queryFn: listMembers });
  const [editing, setEditing] = useState<TMember | null>(null);
  const [removing, setRemoving] = useState<TMember | null>(null);
  const [cancelling, setCancelling] = useState<TInvitation | null>(null);
  const locale = currentLanguage();

  const nameOf = (userId: string) =>
    query.data?.members.find((member) => member.userId === userId)?.name ?? userId;

  return (
    <Stack gap="lg">
      <div>
        <Title order={1} size="h2">
          {t('members.title')}
        </Title>
        <Text c="dimmed">{t('members.subtitle', { org: me.organisation.name })}</Text>
      </div>

      {admin ? (
        <InviteForm />
      ) : (
        <Alert variant="light" color="gray">
          {t('members.onlyAdmin', { role: t(`labels.roles.${ADMIN_ROLE[me.organisation.kind]}`) })}
        </Alert>
      )}

      {query.isPending && <PageLoader />}
      {query.isError && <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />}
      {query.data && (
        <>
          <Stack gap="sm">
            <Title order={2} size="h4">
              {t('members.membersTitle', { count: query.data.members.length })}
            </Title>
            {query.data.members.map((member) => (
              <MemberCard
                key={member.userId}
                member={member}
                isSelf={member.userId === me.user.id}
                admin={admin}
                onChangeRoles={() => setEditing(member)}
                onRemove={() => setRemoving(member)}
              />
            ))}
          </Stack>

          <Stack gap="sm">
            <Title order={2} size="h4">
              {t('members.invitationsTitle', { count: query.data.invitations.length })}
            </Title>
            {query.data.invitations.length === 0 && (
              <Text size="sm" c="dimmed">
                {t('members.noInvitations')}
              </Text>
            )}
            {query.data.invitations.map((invitation) => (
              <Card key={invitation.id} withBorder radius="md" p="sm" data-testid="invitation-card">
                <Group justify="space-between" align="flex-start" gap="sm">
                  <Stack gap={4} style={{ minWidth: 0, flex: '1 1 220px' }}>
                    <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
                      {invitation.email}
                    </Text>
                    <RoleBadges roles={invitation.roles} />
                    <Text size="xs" c="dimmed">
                      {t('members.invitedBy', { name: nameOf(invitation.invitedBy) })} ·{' '}
                      {t('members.expiresAt', { date: formatDateTimeWib(invitation.expiresAt, locale) })}
                    </Text>
                  </Stack>
                  {admin && (
                    <Button size="xs" variant="subtle" color="red" onClick={() => setCancelling(invitation)}>
                      {t('members.cancelInvitation')}
                    </Button>
                  )}
                </Group>
              </Card>
            ))}
          </Stack>
        </>
      )}

      {editing && <ChangeRolesModal member={editing} onClose={() => setEditing(null)} />}
      {removing && <RemoveMemberModal member={removing} onClose={() => setRemoving(null)} />}
      {cancelling && <CancelInvitationModal invitation={cancelling} onClose={() => setCancelling(null)} />}
    </Stack>
  );
}
