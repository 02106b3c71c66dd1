/** The keyed audit chain (issue 18): what `verify` names, the signed checkpoint a manager prints, the CLI's words. */
import type { AreaMessages } from '../locales';

export default {
  en: {
    errors: {
      audit: {
        noCheckpoint: 'There is nothing to sign yet: the audit trail is empty or this desk has no station key.',
      },
    },
    ui: {
      command: {
        audit: { sealed: 'Keyed the audit chain', facts: 'Recorded more facts of the command before', coverage: 'Brought more tables into the audit chain (upgrade)' },
        store: { rebuildBalances: 'Rebuilt the balances from the ledger (command line)' },
        print: { outcome: 'The printer answered a print job' },
      },
      audit: {
        details: {
          audit: { sealed: 'Records before, with plain SHA-256: {plainRecords}', coverage: 'Schema {schema}: {rows} rows of {tables} now in the chain' },
          print: { outcome: 'Job {job}' },
          store: { rebuildBalances: 'Differences corrected: {differences}' },
        },
      },
      trustChain: {
        intact: 'Chain intact: {records} records and {facts} ledger, lot, signature and master-data rows, keyed with the station key.',
        intactPlain: 'Chain intact: {records} records (plain SHA-256 only: this desk has no station key).',
        anchored: 'Matches the signed checkpoint of record {seq} ({at}).',
        notAnchored: 'No signed checkpoint yet.',
        broken: 'Chain broken: {count} problem(s).',
        more: '…and {count} more.',
        problem: {
          hash_mismatch: 'Record {seq} was edited, or its hash was recomputed without the station key.',
          broken_link: 'Record {seq} no longer links to the record before it.',
          missing_before: 'A record before record {seq} was deleted.',
          downgraded: 'Record {seq} was rewritten with the old plain hash where the chain is keyed.',
          key_missing: 'The station key is missing: the keyed records from {seq} on cannot be checked.',
          tail_cut: 'The trail ends before record {expected}, which a signed checkpoint vouches for: records {seq}–{expected} were deleted.',
          trail_emptied: 'The trail is empty, but a signed checkpoint vouches for {expected} records: it was emptied.',
          checkpoint_mismatch: 'Record {seq} is not the one its signed checkpoint vouches for: the chain was rewritten.',
          checkpoint_forged: 'A checkpoint of record {seq} is not signed with the station key.',
          fact_unrecorded: '{table} row {key} is in no audit record: written behind the application’s back.',
          fact_edited: '{table} row {key} differs from what record {seq} recorded: edited behind the application’s back.',
          fact_deleted: '{table} row {key}, recorded by record {seq}, was deleted behind the application’s back.',
        },
        printCheckpoint: 'Print a signed checkpoint',
        checkpointPdf: 'Signed checkpoint (PDF)',
        checkpoint: {
          title: 'LotDesk audit checkpoint',
          site: 'Site',
          printedBy: 'Printed by',
          signHere: 'Checked and filed by (signature, date):',
          station: 'Station',
          record: 'Newest record',
          hash: 'Its hash',
          at: 'Signed at',
          sealSeq: 'Keyed since record',
          fingerprint: 'Signing key fingerprint',
          howTo: 'Keep this page. Check the desk later with: lotdesk audit verify --db FILE --checkpoint THIS_FILE',
        },
      },
    },
  },
  'zh-CN': {
    errors: {
      audit: {
        noCheckpoint: '暂无可签名的内容：审计追踪为空，或本工作站没有站点密钥。',
      },
    },
    ui: {
      command: {
        audit: { sealed: '审计链启用密钥', facts: '记录上一命令的其余事实', coverage: '将更多数据表纳入审计链（升级）' },
        store: { rebuildBalances: '从台账重建库存余额（命令行）' },
        print: { outcome: '打印机已回复打印任务' },
      },
      audit: {
        details: {
          audit: { sealed: '此前仅用 SHA-256 的记录：{plainRecords} 条', coverage: '架构版本 {schema}：{tables} 的 {rows} 行已纳入哈希链' },
          print: { outcome: '任务 {job}' },
          store: { rebuildBalances: '已更正差异：{differences} 处' },
        },
      },
      trustChain: {
        intact: '哈希链完整：共 {records} 条记录，以及 {facts} 行台账、批次、签名和主数据，均以站点密钥校验。',
        intactPlain: '哈希链完整：共 {records} 条记录（仅 SHA-256：本工作站没有站点密钥）。',
        anchored: '与第 {seq} 条记录的签名检查点一致（{at}）。',
        notAnchored: '尚无签名检查点。',
        broken: '哈希链已损坏：{count} 个问题。',
        more: '……另有 {count} 个。',
        problem: {
          hash_mismatch: '第 {seq} 条记录被修改，或其哈希在没有站点密钥的情况下被重新计算。',
          broken_link: '第 {seq} 条记录与前一条记录的链接断开。',
          missing_before: '第 {seq} 条记录之前的记录被删除。',
          downgraded: '在已启用密钥的链中，第 {seq} 条记录被改写为旧的普通哈希。',
          key_missing: '站点密钥缺失：无法校验自第 {seq} 条起的带密钥记录。',
          tail_cut: '追踪在第 {expected} 条记录之前结束，而签名检查点证明该记录存在：第 {seq}–{expected} 条记录被删除。',
          trail_emptied: '追踪为空，但签名检查点证明曾有 {expected} 条记录：追踪被清空。',
          checkpoint_mismatch: '第 {seq} 条记录与其签名检查点不符：哈希链被改写。',
          checkpoint_forged: '第 {seq} 条记录的检查点并非以站点密钥签名。',
          fact_unrecorded: '{table} 中的 {key} 行不在任何审计记录中：绕过应用程序写入。',
          fact_edited: '{table} 中的 {key} 行与第 {seq} 条记录所记载的不同：被绕过应用程序修改。',
          fact_deleted: '{table} 中由第 {seq} 条记录记载的 {key} 行被绕过应用程序删除。',
        },
        printCheckpoint: '打印签名检查点',
        checkpointPdf: '签名检查点（PDF）',
        checkpoint: {
          title: 'LotDesk 审计检查点',
          site: '站点',
          printedBy: '打印人',
          signHere: '核对并归档人（签名、日期）：',
          station: '工作站',
          record: '最新记录',
          hash: '其哈希',
          at: '签名时间',
          sealSeq: '自此记录起启用密钥',
          fingerprint: '签名密钥指纹',
          howTo: '请保存此页。日后校验：lotdesk audit verify --db 文件 --checkpoint 本文件',
        },
      },
    },
  },
} satisfies AreaMessages;
