/** Errors of the sync protocol (src/sync-protocol/errors.ts): the desk shows them in the sync status. */
import type { AreaMessages } from '../locales';

export default {
  en: {
    errors: {
      sync: {
        malformed: 'The centre could not read event {seq} of the batch ({detail}). Nothing of the batch was saved.',
        unknownSchema: 'Event {seq} is of version {schema}, which this centre does not know. Nothing was saved; upgrade the central server.',
        gap: 'The centre is missing events before this batch. The desk resends from event {resendFrom}.',
        otherCentre: 'This desk belongs to another central server. Nothing was saved; enrol the desk again at this centre.',
        resync: 'The desk is too far behind the centre, or was synced with another centre. It reloads the central data.',
        unauthenticated: 'The centre did not recognise this desk. Enrol the desk again with a new code.',
        revoked: 'This desk was revoked at the centre. Ask the central administrator to enrol it again.',
        forbidden: 'This desk may not write or read that: {detail}.',
        codeInvalid: 'The enrolment code is unknown or has expired (codes last 24 hours). Ask for a new code.',
        codeUsed: 'The enrolment code was already used. Ask for a new code.',
        stationEnrolled: 'A desk with the id {stationId} is already enrolled at the centre. Revoke it there or use another desk.',
        batchTooLarge: 'The batch was too large for the centre (at most {max}). The desk sends smaller batches.',
        adminUnauthenticated: 'Wrong user name or password, or the central session has ended. Sign in again.',
        roleForbidden: 'A central {role} may not do that. Ask a central administrator.',
        notFound: 'The centre has no {what} "{id}".',
        internal: 'Something went wrong at the centre. Nothing was saved; the desk tries again.',
      },
    },
  },
  'zh-CN': {
    errors: {
      sync: {
        malformed: '中心无法读取本批的第 {seq} 条事件（{detail}）。本批内容均未保存。',
        unknownSchema: '第 {seq} 条事件的版本为 {schema}，本中心不认识该版本。未保存任何内容；请升级中心服务器。',
        gap: '中心缺少本批之前的事件。工作台将从第 {resendFrom} 条事件起重新发送。',
        otherCentre: '此工作台属于另一台中心服务器。未保存任何内容；请在本中心重新登记此工作台。',
        resync: '工作台落后中心太多，或曾与另一中心同步。工作台将重新加载中心数据。',
        unauthenticated: '中心无法识别此工作台。请用新的登记码重新登记。',
        revoked: '此工作台已被中心吊销。请联系中心管理员重新登记。',
        forbidden: '此工作台无权写入或读取：{detail}。',
        codeInvalid: '登记码不存在或已过期（登记码有效期 24 小时）。请索取新的登记码。',
        codeUsed: '该登记码已被使用。请索取新的登记码。',
        stationEnrolled: 'ID 为 {stationId} 的工作台已在中心登记。请先在中心吊销它，或使用另一台工作台。',
        batchTooLarge: '本批数据超出中心上限（最多 {max}）。工作台将分小批发送。',
        adminUnauthenticated: '用户名或密码错误，或中心会话已结束。请重新登录。',
        roleForbidden: '中心{role}无权执行此操作。请联系中心管理员。',
        notFound: '中心没有{what}“{id}”。',
        internal: '中心出现内部错误。未保存任何内容；工作台将重试。',
      },
    },
  },
} satisfies AreaMessages;
