import {
  ZDisplayPoint,
  ZDisplaySale,
  ZExpiringResponse,
  ZListDisplayPointsResponse,
  ZListStockResponse,
  ZMovement,
  ZSettlementResponse,
  type TDeliveryRequest,
  type TDisplayPointRequest,
  type TSaleRequest,
  type TStockCountRequest,
} from '@shared/contracts/consignment';
import { apiJson } from '../../api/client';

export const consignmentKeys = {
  all: ['consignment'] as const,
  points: ['consignment', 'points'] as const,
  stock: (pointId: string | undefined) => ['consignment', 'stock', pointId ?? 'all'] as const,
  settlement: (month: string) => ['consignment', 'settlement', month] as const,
  expiring: (days: number) => ['consignment', 'expiring', days] as const,
};

export const listPoints = (signal?: AbortSignal) =>
  apiJson('GET', '/api/consignment/points', ZListDisplayPointsResponse, { signal });

export const savePoint = (pointId: string | null, body: TDisplayPointRequest) =>
  pointId
    ? apiJson('PUT', `/api/consignment/points/${encodeURIComponent(pointId)}`, ZDisplayPoint, { body })
    : apiJson('POST', '/api/consignment/points', ZDisplayPoint, { body });

export const listStock = (pointId: string | undefined, signal?: AbortSignal) =>
  apiJson('GET', '/api/consignment/stock', ZListStockResponse, { query: { pointId }, signal });

export const recordDelivery = (pointId: string, body: TDeliveryRequest) =>
  apiJson('POST', `/api/consignment/points/${encodeURIComponent(pointId)}/deliveries`, ZMovement, { body });

export const recordCount = (pointId: string, body: TStockCountRequest) =>
  apiJson('POST', `/api/consignment/points/${encodeURIComponent(pointId)}/counts`, ZMovement, { body });

/** The key is made once per sale by the screen, so a retried tap records the sale once. */
export const recordSale = (pointId: string, body: TSaleRequest, idempotencyKey: string) =>
  apiJson('POST', `/api/consignment/points/${encodeURIComponent(pointId)}/sales`, ZDisplaySale, {
    body,
    headers: { 'Idempotency-Key': idempotencyKey },
  });

export const getSettlement = (month: string, signal?: AbortSignal) =>
  apiJson('GET', '/api/consignment/settlements', ZSettlementResponse, { query: { month }, signal });

export const settlementCsvUrl = (month: string) =>
  `/api/consignment/settlements.csv?month=${encodeURIComponent(month)}`;

export const getExpiring = (days: number, signal?: AbortSignal) =>
  apiJson('GET', '/api/consignment/expiring', ZExpiringResponse, { query: { days }, signal });
