import { Schema, model, type InferSchemaType, type Types } from 'mongoose';
import { tenantScoped } from '../../platform/db';
import { addressSchema } from './organisation.model';

/** Where a buyer organisation takes deliveries besides its own address (see shared/contracts/delivery-locations). */
const deliveryLocationSchema = new Schema(
  {
    organisationId: { type: Schema.Types.ObjectId, required: true },
    label: { type: String, required: true },
    /**
     * The label lower-cased with its spaces collapsed: two locations a purchaser could not tell apart in the
     * checkout picker are refused by the unique index, also when two admins save them at once.
     */
    labelKey: { type: String, required: true },
    recipientName: { type: String, required: true },
    recipientPhone: { type: String, required: true },
    address: { type: addressSchema, required: true },
    note: { type: String, default: null },
  },
  { timestamps: true },
);
deliveryLocationSchema.index({ organisationId: 1, labelKey: 1 }, { unique: true });
deliveryLocationSchema.plugin(tenantScoped);

export const DeliveryLocationModel = model('DeliveryLocation', deliveryLocationSchema);
export type DeliveryLocationDoc = InferSchemaType<typeof deliveryLocationSchema> & {
  _id: Types.ObjectId;
  createdAt: Date;
  updatedAt: Date;
};
