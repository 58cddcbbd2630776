export const ADMIN_BASE = '/admin/cunwu';
export const PUBLIC_BASE = '/cunwu';
export const publicDisclosurePath = (id: number, villageId?: number) => `${PUBLIC_BASE}/gongkai/${id}${villageId ? `?cun=${villageId}` : ''}`;
