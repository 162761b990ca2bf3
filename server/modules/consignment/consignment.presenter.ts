import type { TDisplayPoint, TDisplaySale, TMovement, TStock } from '../../../shared/contracts/consignment';
import type {
  ByLine,
  ConsignmentStockDoc,
  DisplayPointDoc,
  MovementFields,
  SaleFields,
} from './consignment.models';

export function presentPoint(point: DisplayPointDoc): TDisplayPoint {
  const operator = point.operator;
  return {
    id: String(point._id),
    name: point.name,
    kind: point.kind,
    district: { code: point.district.code ?? '', name: point.district.name ?? '' },
    operator: !operator
      ? null
      : operator.kind === 'dinkop_user'
        ? { kind: 'dinkop_user', userId: String(operator.userId), name: operator.name }
        : { kind: 'person', name: operator.name, phone: operator.phone ?? '' },
    commissionPercent: point.commissionBasisPoints / 100,
    createdAt: point.createdAt.toISOString(),
    updatedAt: point.updatedAt.toISOString(),
  };
}

function presentBy(by: ByLine) {
  return { userId: String(by.userId), name: by.name, organisationKind: by.organisationKind };
}

export function presentStock(stock: ConsignmentStockDoc): TStock {
  return {
    id: String(stock._id),
    pointId: String(stock.pointId),
    sellerOrganisationId: String(stock.organisationId),
    sellerName: stock.sellerName,
    productId: String(stock.productId),
    productName: stock.productName,
    quantity: stock.quantity,
    consignmentPrice: stock.consignmentPrice,
    updatedAt: stock.updatedAt.toISOString(),
  };
}

export function presentMovement(move: MovementFields): TMovement {
  return {
    id: String(move._id),
    pointId: String(move.pointId),
    sellerOrganisationId: String(move.organisationId),
    productId: String(move.productId),
    kind: move.kind,
    change: move.change,
    deliveryNoteNumber: move.deliveryNoteNumber,
    bestBefore: move.bestBefore,
    countedQuantity: move.countedQuantity,
    saleId: move.saleId,
    note: move.note,
    by: presentBy(move.by),
    at: move.at.toISOString(),
  };
}

export function presentSale(sale: SaleFields): TDisplaySale {
  return {
    saleId: sale._id,
    soldOn: sale.soldOn,
    channel: sale.channel,
    pointId: String(sale.pointId),
    sellerOrganisationId: String(sale.sellerOrganisationId),
    productId: String(sale.productId),
    productName: sale.productName,
    units: sale.units,
    unitPrice: sale.unitPrice,
    grossRupiah: sale.grossRupiah,
    ppnRupiah: sale.ppnRupiah,
    consignmentPrice: sale.consignmentPrice,
    enteredBy: presentBy(sale.enteredBy),
    createdAt: sale.createdAt.toISOString(),
  };
}
