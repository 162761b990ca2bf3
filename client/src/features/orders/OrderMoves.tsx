import { useState, type ComponentProps, type FormEvent, type ReactNode } from 'react';
import type { TRole } from '@shared/contracts/organisations';
import { Button, FileInput, Flex, Modal, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { z } from 'zod';
import { PHOTO_MAX_BYTES } from '@shared/contracts/photos';
import {
  ZConfirmReceiptRequest,
  ZOrderReasonRequest,
  ZSellerOrderStatus,
  ZShipOrderRequest,
  type TSellerOrder,
} from '@shared/contracts/orders';
import {
  canMoveOrder,
  ORDER_MOVE_NAMES,
  ORDER_MOVES,
  RELEASING_MOVES,
  type TOrderMove,
  type TOrderParty,
} from '@shared/states/order';
import { ApiError } from '../../api/client';
import { moveSellerOrder, queryKeys, uploadReceiptPhoto, type OrderMoveBody } from '../../api/endpoints';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormActions } from '../../components/FormActions';
import { focusFirstInvalid, serverFieldErrors, useFieldErrors, validate } from '../../components/forms';
import { hasRole, useSession } from '../auth/session';
import { applySellerOrder } from './orderCache';

const REASON_MAX = 500;

/** 409 INVALID_STATE names the status the order has now (someone else moved it first). */
const ZInvalidStateDetails = z.object({ currentStatus: ZSellerOrderStatus });

/**
 * The moves this side can make from the order's status, by the shared state machine; cancelling last.
 * A new order the seller does not want is rejected, so "cancel" is not offered beside "reject".
 */
export function movesFor(
  order: Pick<TSellerOrder, 'status'>,
  party: TOrderParty,
  roles: readonly TRole[],
): TOrderMove[] {
  const possible = ORDER_MOVE_NAMES.filter(
    (move) =>
      ORDER_MOVES[move].by === party &&
      ORDER_MOVES[move].roles.some((role) => roles.includes(role)) &&
      canMoveOrder(move, order.status) &&
      !(move === 'cancelBySeller' && canMoveOrder('reject', order.status)),
  );
  return [
    ...possible.filter((move) => !RELEASING_MOVES.includes(move)),
    ...possible.filter((move) => RELEASING_MOVES.includes(move)),
  ];
}

/** Moves that need a reason (the server's ZOrderReasonRequest): rejecting and cancelling. */
const REASON_MOVES = ['reject', 'cancelByBuyer', 'cancelBySeller', 'cancelByDinkop'] as const;
type ReasonMove = (typeof REASON_MOVES)[number];
const isReasonMove = (move: TOrderMove): move is ReasonMove =>
  (REASON_MOVES as readonly string[]).includes(move);
/** Moves that record something (a reason, the shipment, the receipt): a short form first. */
type FormMove = ReasonMove | 'ship' | 'confirmReceipt';
const isFormMove = (move: TOrderMove): move is FormMove =>
  move === 'ship' || move === 'confirmReceipt' || isReasonMove(move);
type DirectMove = Exclude<TOrderMove, FormMove>;

/**
 * Sends a move. The answer is shown at once (and in the buyer order holding it); on 409 the order is
 * refetched and the person is told what it is now; other errors stay with the button or form.
 */
function useOrderMove<M extends TOrderMove>(order: TSellerOrder, move: M, onDone?: () => void) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: OrderMoveBody<M>) => moveSellerOrder(order.id, move, body),
    onSuccess: (updated) => {
      applySellerOrder(queryClient, updated);
      notifications.show({
        color: 'green',
        message: t('orders.moveDone', {
          number: updated.number,
          status: t(`orders.sellerStatus.${updated.status}`),
        }),
      });
      onDone?.();
    },
    onError: (error) => {
      if (!(error instanceof ApiError && error.code === 'INVALID_STATE')) return;
      const details = ZInvalidStateDetails.safeParse(error.details);
      notifications.show({
        color: 'yellow',
        message: details.success
          ? t('orders.moveConflict', { status: t(`orders.sellerStatus.${details.data.currentStatus}`) })
          : t('errors.INVALID_STATE'),
      });
      void queryClient.invalidateQueries({ queryKey: queryKeys.sellerOrder(order.id) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.buyerOrder(order.buyerOrderId) });
      onDone?.();
    },
  });
}

/** A move that needs nothing more than the click (accept, start production, mark ready, …). */
function DirectMoveButton({ order, move }: { order: TSellerOrder; move: DirectMove }) {
  const { t } = useTranslation();
  const mutation = useOrderMove(order, move);
  const conflict = mutation.error instanceof ApiError && mutation.error.code === 'INVALID_STATE';
  return (
    <Stack gap={4}>
      <Button
        onClick={() => mutation.mutate({})}
        loading={mutation.isPending}
        data-testid={`order-move-${move}`}
      >
        {t(`orders.moves.${move}`)}
      </Button>
      {mutation.isError && !conflict && <ErrorAlert error={mutation.error} />}
    </Stack>
  );
}

function MoveModal({
  order,
  move,
  onClose,
  children,
}: {
  order: TSellerOrder;
  move: FormMove;
  onClose: () => void;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Modal opened onClose={onClose} title={t(`orders.titles.${move}`, { number: order.number })} centered>
      {children}
    </Modal>
  );
}

function ReasonForm({
  order,
  move,
  onClose,
}: {
  order: TSellerOrder;
  move: ReasonMove;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const fields = useFieldErrors();
  const mutation = useOrderMove(order, move, onClose);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const checked = validate(ZOrderReasonRequest, { reason }, t);
    fields.setErrors(checked.ok ? {} : checked.errors);
    focusFirstInvalid(form);
    if (checked.ok)
      mutation.mutate(checked.data, { onError: (error) => fields.setServer(serverFieldErrors(error)) });
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Text size="sm">{t(`orders.intros.${move}`)}</Text>
        <Textarea
          label={t('orders.reason')}
          required
          autosize
          minRows={3}
          maxLength={REASON_MAX}
          value={reason}
          {...fields.bind('reason', setReason)}
          data-testid="order-move-reason"
          data-autofocus
        />
        {mutation.isError && <ErrorAlert error={mutation.error} showIssues fieldKeys={['reason']} />}
        <FormActions
          onCancel={onClose}
          pending={mutation.isPending}
          submitLabel={t(`orders.moves.${move}`)}
          testId="order-move-confirm"
          color="red"
        />
      </Stack>
    </form>
  );
}

function ShipForm({ order, onClose }: { order: TSellerOrder; onClose: () => void }) {
  const { t } = useTranslation();
  const [courier, setCourier] = useState('');
  const [trackingNumber, setTrackingNumber] = useState('');
  const fields = useFieldErrors();
  const mutation = useOrderMove(order, 'ship', onClose);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const checked = validate(ZShipOrderRequest, { courier, trackingNumber }, t);
    fields.setErrors(checked.ok ? {} : checked.errors);
    focusFirstInvalid(form);
    if (checked.ok)
      mutation.mutate(checked.data, { onError: (error) => fields.setServer(serverFieldErrors(error)) });
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <TextInput
          label={t('orders.shipment.courier')}
          description={t('orders.courierHint')}
          required
          maxLength={60}
          value={courier}
          {...fields.bind('courier', setCourier)}
          data-testid="order-ship-courier"
          data-autofocus
        />
        <TextInput
          label={t('orders.shipment.trackingNumber')}
          required
          maxLength={60}
          autoCapitalize="characters"
          value={trackingNumber}
          {...fields.bind('trackingNumber', setTrackingNumber)}
          data-testid="order-ship-tracking"
        />
        {mutation.isError && (
          <ErrorAlert error={mutation.error} showIssues fieldKeys={['courier', 'trackingNumber']} />
        )}
        <FormActions
          onCancel={onClose}
          pending={mutation.isPending}
          submitLabel={t('orders.moves.ship')}
          testId="order-move-confirm"
        />
      </Stack>
    </form>
  );
}

const RECEIPT_PHOTO_ACCEPT = 'image/jpeg,image/png';
const RECEIPT_PHOTO_MAX_MB = PHOTO_MAX_BYTES / 1024 / 1024;

/** Why this file cannot be the receipt photo, before it is sent; some phones leave the type empty. */
function receiptPhotoProblem(file: File, t: TFunction): string | undefined {
  const typed = RECEIPT_PHOTO_ACCEPT.split(',').includes(file.type);
  if (!typed && !(file.type === '' && /\.(jpe?g|png)$/i.test(file.name)))
    return t('orders.receipt.photoWrongType');
  if (file.size > PHOTO_MAX_BYTES) return t('orders.receipt.photoTooLarge', { max: RECEIPT_PHOTO_MAX_MB });
  return undefined;
}

/** The server's refusal of the photo in words about photos; other errors keep their general message. */
function photoErrorMessage(error: unknown, t: TFunction): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  if (error.code === 'UNSUPPORTED_MEDIA_TYPE') return t('orders.receipt.photoWrongType');
  if (error.code === 'PAYLOAD_TOO_LARGE')
    return t('orders.receipt.photoTooLarge', { max: RECEIPT_PHOTO_MAX_MB });
  return undefined;
}

/**
 * The BAST number, a note, and for purchasers and admins (the server's rule) an optional photo of the
 * signed BAST. The photo is sent first, so a refused photo stops the confirmation while the buyer can
 * still pick another one.
 */
function ReceiptForm({ order, onClose }: { order: TSellerOrder; onClose: () => void }) {
  const me = useSession();
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [bastNumber, setBastNumber] = useState('');
  const [note, setNote] = useState('');
  const [photo, setPhoto] = useState<File | null>(null);
  const [photoProblem, setPhotoProblem] = useState<string | undefined>();
  const fields = useFieldErrors();
  const mutation = useOrderMove(order, 'confirmReceipt', onClose);
  const photoUpload = useMutation({
    mutationFn: (file: File) => uploadReceiptPhoto(order.id, file),
    onSuccess: (updated) => applySellerOrder(queryClient, updated),
  });
  const canAttachPhoto = hasRole(me, 'admin', 'purchaser');
  const pending = photoUpload.isPending || mutation.isPending;

  const pickPhoto = (file: File | null) => {
    photoUpload.reset();
    setPhoto(file);
    setPhotoProblem(file ? receiptPhotoProblem(file, t) : undefined);
  };
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (pending) return;
    const form = event.currentTarget;
    const checked = validate(ZConfirmReceiptRequest, { bastNumber, ...(note.trim() ? { note } : {}) }, t);
    fields.setErrors(checked.ok ? {} : checked.errors);
    focusFirstInvalid(form);
    if (!checked.ok || photoProblem) return;
    const confirm = () =>
      mutation.mutate(checked.data, { onError: (error) => fields.setServer(serverFieldErrors(error)) });
    // Retrying after the confirmation failed does not send the same photo again.
    const photoSent = photoUpload.isSuccess && photoUpload.variables === photo;
    if (photo && !photoSent) photoUpload.mutate(photo, { onSuccess: confirm });
    else confirm();
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Text size="sm">{t('orders.intros.confirmReceipt')}</Text>
        <TextInput
          label={t('orders.receipt.bastNumber')}
          required
          maxLength={60}
          value={bastNumber}
          {...fields.bind('bastNumber', setBastNumber)}
          data-testid="order-receipt-bast"
          data-autofocus
        />
        <Textarea
          label={t('orders.receipt.note')}
          autosize
          minRows={2}
          maxLength={500}
          value={note}
          {...fields.bind('note', setNote)}
          data-testid="order-receipt-note"
        />
        {canAttachPhoto && (
          <FileInput
            label={`${t('orders.receipt.photo')} (${t('app.optional')})`}
            description={t('orders.receipt.photoHint', { max: RECEIPT_PHOTO_MAX_MB })}
            placeholder={t('orders.receipt.photoPick')}
            accept={RECEIPT_PHOTO_ACCEPT}
            clearable
            value={photo}
            onChange={pickPhoto}
            error={photoProblem}
            fileInputProps={{ 'data-testid': 'order-receipt-photo' } as ComponentProps<'input'>}
          />
        )}
        {photoUpload.isError && (
          <ErrorAlert error={photoUpload.error} message={photoErrorMessage(photoUpload.error, t)} />
        )}
        {mutation.isError && (
          <ErrorAlert error={mutation.error} showIssues fieldKeys={['bastNumber', 'note']} />
        )}
        <FormActions
          onCancel={onClose}
          pending={pending}
          submitLabel={t('orders.moves.confirmReceipt')}
          testId="order-move-confirm"
        />
      </Stack>
    </form>
  );
}

/**
 * The buttons for what this side may do next with the seller order (only those the shared state machine
 * allows from its status); moves that record something open a short form first.
 */
export function OrderMoves({ order, party }: { order: TSellerOrder; party: TOrderParty }) {
  const { t } = useTranslation();
  const me = useSession();
  const [open, setOpen] = useState<FormMove | null>(null);
  const moves = movesFor(order, party, me.user.roles);
  if (moves.length === 0) return null;
  const close = () => setOpen(null);
  return (
    <>
      <Flex direction={{ base: 'column', xs: 'row' }} gap="xs" wrap="wrap" data-testid="order-moves">
        {moves.map((move) =>
          isFormMove(move) ? (
            <Button
              key={move}
              variant={isReasonMove(move) ? 'outline' : 'filled'}
              color={isReasonMove(move) ? 'red' : undefined}
              onClick={() => setOpen(move)}
              data-testid={`order-move-${move}`}
            >
              {t(`orders.moves.${move}`)}
            </Button>
          ) : (
            <DirectMoveButton key={move} order={order} move={move} />
          ),
        )}
      </Flex>
      {open && (
        <MoveModal order={order} move={open} onClose={close}>
          {open === 'ship' ? (
            <ShipForm order={order} onClose={close} />
          ) : open === 'confirmReceipt' ? (
            <ReceiptForm order={order} onClose={close} />
          ) : (
            <ReasonForm order={order} move={open} onClose={close} />
          )}
        </MoveModal>
      )}
    </>
  );
}
