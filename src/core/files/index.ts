// The files API other modules use. Attaching modules keep their own table (file id + original name).
export { ALLOWED_TYPES, DEFAULT_MAX_BYTES, PUBLIC_UPLOAD_TYPES, checkFile, type AllowedExt, type CheckedFile } from './check.js';
export { contentDisposition, downloadName } from './names.js';
export { fileUrl, findFile, getFileById, markFilesPrivate, markFilesPublic, readFileBytes, checkPublicUpload, storeFile, storeGeneratedFile, storePublicUpload, UPLOAD_ROLES, type StoredFile, type StoreInput } from './service.js';
export { registerFileRoutes, type FileRouteOptions } from './routes.js';
export { PRIVATE_FILE_CSP, sendPrivateFile } from './serve.js';
export { files, fileBlobs, type FileRow } from './schema.js';

import type { ModuleManifest } from '../module.js';
import { registerFileRoutes as fileRoutes } from './routes.js';

/** Uploaded files: served at /files/{sha256}/{name} to whoever may read a record they belong to. */
export const filesModule: ModuleManifest = {
  name: 'files',
  label: '文件',
  routes: { public: fileRoutes },
  audit: { actions: { 'file.uploaded': '上传文件' }, targets: { file: '文件' } },
};
