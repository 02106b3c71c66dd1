/** The desk side of sync (issue 20): the header's sync status, the Central sync screen, the desk's own sync errors. */
import type { AreaMessages } from '../locales';

export default {
  en: {
    errors: {
      syncDesk: {
        unreachable: 'The centre cannot be reached ({detail}). The desk keeps working and sends what waits when the centre is back.',
        failed: 'Sync stopped on an unexpected problem ({detail}). The desk tries again.',
        alreadyConnected: 'This desk is already connected to {centreUrl}. Disconnect it first.',
        notConnected: 'This desk is standalone: connect it to a centre first.',
        badUrl: 'Enter the centre’s address, starting with http:// or https://.',
      },
    },
    ui: {
      command: {
        sync: { connect: 'Connected the desk to a centre', disconnect: 'Disconnected the desk from its centre', apply: 'Applied central changes', snapshot: 'Reloaded the central data' },
      },
      nav: { centralSync: 'Central sync' },
      audit: { details: { sync: { apply: 'Applied: {applied}, skipped: {skipped}', snapshot: 'Applied: {applied}, skipped: {skipped}' } } },
      syncDesk: {
        title: 'Central sync',
        standalone: 'Standalone',
        online: 'Synced',
        offline: 'Offline',
        waiting: '{count} waiting',
        lastSync: 'Last sync: {at}',
        never: 'Never synced',
        mode: 'Mode',
        modeStandalone: 'Standalone: this desk works on its own and keeps its events for a later connection.',
        modeConnected: 'Connected to {centreUrl} (site {site}).',
        centreUrl: 'Centre address',
        code: 'Enrolment code',
        codeHelp: 'A one-time code from the central administrator (valid for 24 hours).',
        connect: 'Connect',
        disconnect: 'Disconnect',
        confirmDisconnect: 'Disconnect this desk from its centre? It keeps working standalone; events wait until it is connected again.',
        syncNow: 'Sync now',
        eventsWaiting: 'Events waiting',
        lastError: 'Last error',
        noError: 'None',
        cancel: 'Cancel',
      },
    },
  },
  'zh-CN': {
    errors: {
      syncDesk: {
        unreachable: '无法连接中心（{detail}）。工作台照常工作，中心恢复后再发送待发送的事件。',
        failed: '同步因意外问题中断（{detail}）。工作台将重试。',
        alreadyConnected: '此工作台已连接到 {centreUrl}。请先断开连接。',
        notConnected: '此工作台为独立模式：请先连接到中心。',
        badUrl: '请输入中心地址，以 http:// 或 https:// 开头。',
      },
    },
    ui: {
      command: {
        sync: { connect: '将工作台连接到中心', disconnect: '断开工作台与中心的连接', apply: '应用中心变更', snapshot: '重新加载中心数据' },
      },
      nav: { centralSync: '中心同步' },
      audit: { details: { sync: { apply: '已应用：{applied}，已跳过：{skipped}', snapshot: '已应用：{applied}，已跳过：{skipped}' } } },
      syncDesk: {
        title: '中心同步',
        standalone: '独立模式',
        online: '已同步',
        offline: '离线',
        waiting: '{count} 条待发送',
        lastSync: '上次同步：{at}',
        never: '从未同步',
        mode: '模式',
        modeStandalone: '独立模式：此工作台独立工作，并保留事件以便日后连接时发送。',
        modeConnected: '已连接到 {centreUrl}（站点 {site}）。',
        centreUrl: '中心地址',
        code: '登记码',
        codeHelp: '由中心管理员提供的一次性登记码（24 小时内有效）。',
        connect: '连接',
        disconnect: '断开连接',
        confirmDisconnect: '确定要断开此工作台与中心的连接吗？工作台将以独立模式继续工作，事件会保留到再次连接。',
        syncNow: '立即同步',
        eventsWaiting: '待发送事件',
        lastError: '上次错误',
        noError: '无',
        cancel: '取消',
      },
    },
  },
} satisfies AreaMessages;
