// The files API other modules use. Attaching modules keep their own table (file id + original name).
export { ALLOWED_TYPES, DEFAULT_MAX_BYTES, checkFile, type AllowedExt } from './check.js';
export { contentDisposition, downloadName } from './names.js';
export { fileUrl, findFile, getFileById, markFilesPrivate, markFilesPublic, readFileBytes, storeFile, storePublicUpload, UPLOAD_ROLES, type StoredFile, type StoreInput } from './service.js';
export { registerFileRoutes, type FileRouteOptions } from './routes.js';
export { files, fileBlobs, type FileRow } from './schema.js';
