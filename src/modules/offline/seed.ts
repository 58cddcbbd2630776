import type { DemoWorld } from '../../core/module.js';
import { createPoint } from './points.js';

const HOURS = '周一至周五 上午8:30-12:00，下午14:30-17:30（法定节假日除外）';

/** The demo county's points, registered by its office through the service (so audited like real ones). */
export async function seedOfflineDemo(world: DemoWorld): Promise<void> {
  const office = world.as('office');
  const own = world.agencies.get('县人民政府办公室');
  const town = world.agencies.get('城关镇');
  if (own == null || town == null) return;
  await createPoint(office, {
    name: '县政务服务中心政务公开专区', kind: 'zone', agencyId: own, address: '示范县人民路88号县政务服务中心一楼东侧', hours: '周一至周五 上午9:00-12:00，下午13:30-17:00；周六上午9:00-12:00', openSaturday: true,
    phone: '0373-1234588', holdings: '政府公报、政策文件汇编、政府信息公开指南和目录、办事指南；自助查询机；政府信息公开申请表（可现场填写提交）',
    accessibility: '无障碍通道、低位服务台、轮椅、老花镜',
  });
  await createPoint(office, {
    name: '县档案馆查阅点', kind: 'reading', agencyId: own, address: '示范县文化路6号县档案馆二楼查阅室', hours: HOURS,
    phone: '0373-1234566', holdings: '已公开的县政府文件、政府公报合订本、政府信息公开工作年度报告', accessibility: '无障碍通道、电梯',
  });
  await createPoint(office, {
    name: '城关镇便民服务中心', kind: 'service_station', agencyId: town, address: '示范县城关镇政府路1号一楼', hours: HOURS,
    phone: '0373-2234500', holdings: '本镇政务公开目录、惠民政策汇编、村（社区）务公开资料', accessibility: '无障碍通道',
  });
}
