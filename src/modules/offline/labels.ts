import type { PointKind } from './schema.js';

export const KIND_LABELS: Record<PointKind, string> = { reading: '公开查阅点', zone: '政务公开专区', service_station: '便民服务站', other: '其他' };
