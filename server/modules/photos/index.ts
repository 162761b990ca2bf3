export { photoSchema, type StoredPhoto } from './photo.schema';
export { presentPhoto } from './photos.presenter';
export {
  planAddPhoto,
  planRemovePhoto,
  planReorderPhotos,
  photoNotFound,
  retryWhenRaced,
  type GuardedChange,
} from './photo-list';
export {
  deletePhotoFiles,
  makeThumbnails,
  photoFor,
  photosLetGo,
  readPhoto,
  requestThumbnails,
  thumbnailKey,
  THUMBNAIL_WIDTHS,
  UnreadableImageError,
  type PhotoDeps,
} from './photo-files';
