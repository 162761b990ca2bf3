import { useState, type FormEvent } from 'react';
import { Button, Checkbox, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import {
  ZApproveProductRequest,
  type ZCurationProduct,
  type ZCurationReview,
  ZRejectProductRequest,
  ZRequestChangesRequest,
} from '@shared/contracts/products';
import { CURATION_CHECKLIST, type TCurationChecklistItem } from '@shared/states/product';
import {
  approveCuratedProduct,
  queryKeys,
  rejectCuratedProduct,
  requestProductChanges,
  startCurationReview,
} from '../../api/endpoints';
import { ConfirmModal } from '../../components/ConfirmModal';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormActions } from '../../components/FormActions';
import { focusFirstInvalid, serverFieldErrors, useFieldErrors, validate } from '../../components/forms';
import { moveConflict, type TMoveConflict } from './curationParts';

type TCurationProduct = z.infer<typeof ZCurationProduct>;
type TCurationReview = z.infer<typeof ZCurationReview>;

const NOTE_MAX = 500;
const REASON_MAX = 1000;

/**
 * A curation move: on success the review page shows the new state at once (the answer has no documents,
 * so they are kept) and the queue is refreshed; a 409 (someone else moved first, or legality lapsed) goes
 * to the page, which reloads the product and says what happened.
 */
export function useCurationMove<TBody>(
  productId: string,
  send: (body: TBody) => Promise<TCurationProduct>,
  handlers: { onDone: (product: TCurationProduct) => void; onConflict: (conflict: TMoveConflict) => void },
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: (updated) => {
      queryClient.setQueryData<TCurationReview>(queryKeys.curationReview(productId), (current) =>
        current ? { ...current, ...updated } : current,
      );
      void queryClient.invalidateQueries({ queryKey: queryKeys.curationAll });
      if (updated.status === 'approved')
        void queryClient.invalidateQueries({ queryKey: queryKeys.catalogAll });
      handlers.onDone(updated);
    },
    onError: (error) => {
      const conflict = moveConflict(error);
      if (conflict) handlers.onConflict(conflict);
    },
  });
}

export function StartReviewButton({
  productId,
  onConflict,
  onDone,
}: {
  productId: string;
  onConflict: (conflict: TMoveConflict) => void;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const mutation = useCurationMove(productId, () => startCurationReview(productId), {
    onDone: () => {
      notifications.show({ color: 'violet', message: t('curation.reviewStarted') });
      onDone();
    },
    onConflict,
  });
  const otherError = mutation.isError && !moveConflict(mutation.error);
  return (
    <Stack gap="xs">
      <Group>
        <Button
          onClick={() => mutation.mutate(undefined)}
          loading={mutation.isPending}
          data-testid="curation-start-review"
        >
          {t('curation.startReview')}
        </Button>
      </Group>
      {otherError && <ErrorAlert error={mutation.error} />}
    </Stack>
  );
}

interface MoveModalProps {
  productId: string;
  productName: string;
  onClose: () => void;
  onConflict: (conflict: TMoveConflict) => void;
  onDone: () => void;
}

export function ApproveModal({ productId, productName, onClose, onConflict, onDone }: MoveModalProps) {
  const { t } = useTranslation();
  const [note, setNote] = useState('');
  const fields = useFieldErrors();
  const mutation = useCurationMove(
    productId,
    (body: z.infer<typeof ZApproveProductRequest>) => approveCuratedProduct(productId, body),
    {
      onDone: () => {
        notifications.show({ color: 'green', message: t('curation.approved', { name: productName }) });
        onDone();
      },
      onConflict,
    },
  );
  const confirm = () => {
    const result = validate(ZApproveProductRequest, note.trim() ? { note } : {}, t);
    fields.setErrors(result.ok ? {} : result.errors);
    if (result.ok) mutation.mutate(result.data);
  };
  return (
    <ConfirmModal
      opened
      onClose={onClose}
      title={t('curation.approveTitle')}
      body={
        <Stack gap="sm">
          <Text size="sm">{t('curation.approveConfirm', { name: productName })}</Text>
          <Textarea
            label={t('curation.approveNote')}
            description={t('curation.approveNoteHint')}
            autosize
            minRows={2}
            maxLength={NOTE_MAX}
            value={note}
            {...fields.bind('note', setNote)}
            data-testid="curation-approve-note"
          />
        </Stack>
      }
      confirmLabel={t('curation.approve')}
      color="green"
      onConfirm={confirm}
      loading={mutation.isPending}
      error={mutation.isError && !moveConflict(mutation.error) ? mutation.error : null}
      testId="curation-approve-confirm"
    />
  );
}

export function RejectModal({ productId, productName, onClose, onConflict, onDone }: MoveModalProps) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const fields = useFieldErrors();
  const mutation = useCurationMove(
    productId,
    (body: z.infer<typeof ZRejectProductRequest>) => rejectCuratedProduct(productId, body),
    {
      onDone: () => {
        notifications.show({ color: 'orange', message: t('curation.rejected', { name: productName }) });
        onDone();
      },
      onConflict,
    },
  );
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const result = validate(ZRejectProductRequest, { reason }, t);
    fields.setErrors(result.ok ? {} : result.errors);
    focusFirstInvalid(form);
    if (result.ok)
      mutation.mutate(result.data, { onError: (error) => fields.setServer(serverFieldErrors(error)) });
  };
  return (
    <Modal opened onClose={onClose} title={t('curation.rejectTitle', { name: productName })} centered>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Text size="sm">{t('curation.rejectIntro')}</Text>
          <Textarea
            label={t('curation.rejectReason')}
            description={t('curation.rejectReasonHint')}
            required
            autosize
            minRows={3}
            maxLength={REASON_MAX}
            value={reason}
            {...fields.bind('reason', setReason)}
            data-testid="curation-reject-reason"
            data-autofocus
          />
          <Text size="xs" c="dimmed" ta="right" aria-live="polite">
            {reason.trim().length}/{REASON_MAX}
          </Text>
          {mutation.isError && !moveConflict(mutation.error) && (
            <ErrorAlert error={mutation.error} showIssues fieldKeys={['reason']} />
          )}
          <FormActions
            onCancel={onClose}
            pending={mutation.isPending}
            submitLabel={t('curation.reject')}
            testId="curation-reject-confirm"
            color="red"
          />
        </Stack>
      </form>
    </Modal>
  );
}

type Notes = Partial<Record<TCurationChecklistItem, string>>;

/**
 * The checklist: tick what needs work, a note for each ticked item. `initial` pre-ticks items, e.g. the
 * legality reasons an approval was refused for.
 */
export function RequestChangesModal({
  productId,
  productName,
  onClose,
  onConflict,
  onDone,
  initial = {},
}: MoveModalProps & { initial?: Notes }) {
  const { t } = useTranslation();
  const [ticked, setTicked] = useState<TCurationChecklistItem[]>(
    CURATION_CHECKLIST.filter((item) => initial[item] !== undefined),
  );
  const [notes, setNotes] = useState<Notes>(initial);
  const fields = useFieldErrors();
  const mutation = useCurationMove(
    productId,
    (body: z.infer<typeof ZRequestChangesRequest>) => requestProductChanges(productId, body),
    {
      onDone: () => {
        notifications.show({
          color: 'yellow',
          message: t('curation.changesRequested', { name: productName }),
        });
        onDone();
      },
      onConflict,
    },
  );

  // The body lists ticked items in checklist order; an issue on `changes.2.note` belongs to the third one.
  const chosen = CURATION_CHECKLIST.filter((item) => ticked.includes(item));
  const toItemKeys = (errors: Record<string, string>) => {
    const mapped: Record<string, string> = {};
    for (const [key, message] of Object.entries(errors)) {
      const match = /^changes\.(\d+)\.note$/.exec(key);
      const item = match ? chosen[Number(match[1])] : undefined;
      mapped[item ? `note.${item}` : key] = message;
    }
    return mapped;
  };

  const toggle = (item: TCurationChecklistItem, on: boolean) => {
    setTicked((current) => (on ? [...current, item] : current.filter((other) => other !== item)));
    fields.clear('changes');
    fields.clear(`note.${item}`);
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const body = { changes: chosen.map((item) => ({ item, note: notes[item] ?? '' })) };
    const result = validate(ZRequestChangesRequest, body, t);
    fields.setErrors(result.ok ? {} : toItemKeys(result.errors));
    focusFirstInvalid(form);
    if (result.ok)
      mutation.mutate(result.data, {
        onError: (error) => fields.setServer(toItemKeys(serverFieldErrors(error))),
      });
  };

  return (
    <Modal
      opened
      onClose={onClose}
      title={t('curation.requestChangesTitle', { name: productName })}
      centered
      size="lg"
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Text size="sm">{t('curation.requestChangesIntro')}</Text>
          <Stack gap="sm" role="group" aria-label={t('curation.checklistLabel')}>
            {CURATION_CHECKLIST.map((item) => {
              const on = ticked.includes(item);
              return (
                <Stack key={item} gap={6}>
                  <Checkbox
                    label={t(`curation.checklist.${item}`)}
                    description={t(`curation.checklistHints.${item}`)}
                    checked={on}
                    onChange={(event) => toggle(item, event.currentTarget.checked)}
                    data-testid={`curation-change-${item}`}
                  />
                  {on && (
                    <Textarea
                      label={t('curation.changeNote', { item: t(`curation.checklist.${item}`) })}
                      required
                      autosize
                      minRows={2}
                      maxLength={NOTE_MAX}
                      ml={{ base: 0, xs: 'xl' }}
                      value={notes[item] ?? ''}
                      {...fields.bind(`note.${item}`, (value) =>
                        setNotes((current) => ({ ...current, [item]: value })),
                      )}
                      data-testid={`curation-change-note-${item}`}
                    />
                  )}
                </Stack>
              );
            })}
          </Stack>
          {fields.errorOf('changes') && (
            <Text size="sm" c="red" role="alert" data-testid="curation-changes-error">
              {fields.errorOf('changes')}
            </Text>
          )}
          {mutation.isError && !moveConflict(mutation.error) && (
            <ErrorAlert
              error={mutation.error}
              showIssues
              fieldKeys={['changes', ...chosen.map((_, index) => `changes.${index}.note`)]}
            />
          )}
          <FormActions
            onCancel={onClose}
            pending={mutation.isPending}
            submitLabel={t('curation.sendChanges')}
            testId="curation-request-changes-confirm"
            color="orange"
          />
        </Stack>
      </form>
    </Modal>
  );
}
