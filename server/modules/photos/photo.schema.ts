import { Schema, type InferSchemaType } from 'mongoose';

/**
 * A photo kept in a list (a product version's, a UMKM profile's): named by the SHA-256 of its bytes and
 * stored under a key the server made. Its thumbnails live under keys derived from that key.
 */
export const photoSchema = new Schema(
  {
    id: { type: String, required: true },
    key: { type: String, required: true },
    contentType: { type: String, required: true },
    size: { type: Number, required: true },
    uploadedAt: { type: Date, required: true },
  },
  { _id: false },
);
export type StoredPhoto = InferSchemaType<typeof photoSchema>;
