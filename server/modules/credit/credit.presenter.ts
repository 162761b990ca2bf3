import type { TCreditLine } from '../../../shared/contracts/credit';
import type { CreditLineDoc } from './credit-line.model';

export function presentCreditLine(line: CreditLineDoc): TCreditLine {
  return {
    organisationId: String(line.organisationId),
    organisationName: line.organisationName,
    termDays: line.termDays,
    limitRupiah: line.limitRupiah,
    outstandingRupiah: line.outstandingRupiah,
    availableRupiah: line.availableRupiah,
    active: line.active,
    updatedAt: line.updatedAt.toISOString(),
    updatedByName: line.updatedByName,
  };
}
