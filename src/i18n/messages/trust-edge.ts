/** The desk's edge (issue 18): refused hosts and origins, HTTP errors, unsafe characters, sign-in limits, the LAN certificate. */
import type { AreaMessages } from '../locales';

export default {
  en: {
    errors: {
      api: {
        foreignHost: 'The request was refused: it names a host this desk does not answer to. Open LotDesk at its own address.',
        foreignOrigin: 'The request was refused: it came from a page of another site, not from LotDesk.',
        notFound: 'There is nothing at this address.',
        tooLong: 'The address is too long. Nothing was saved.',
        tooLarge: 'The request is too large. Nothing was saved.',
        contentType: 'The request must be sent as JSON. Nothing was saved.',
      },
      // zod's issue codes that no field's own message covers (found by the HTTP fuzz test).
      validation: {
        invalid_union: 'This value fits none of the forms this call accepts.',
        invalid_key: 'The request has a field name that is not allowed.',
        invalid_element: 'The request has a value that is not allowed.',
        not_multiple_of: 'This value is not a multiple of the allowed step.',
      },
      text: {
        unsafeChar: 'This text holds a character that cannot be stored ({char}: a control or text-direction character). Retype it without pasting. Nothing was saved.',
      },
      auth: {
        slowDown: 'Too many wrong sign-ins from this device: wait {seconds} s before trying again. Nothing was done.',
      },
    },
    ui: {
      audit: { details: { secrets: { unknownUserTries: '{tries} more sign-ins under unknown names from {client} since {since}' } } },
      command: { secrets: { unknownUserTries: 'Sign-ins under unknown names (counted)' } },
      lanCertificate: {
        title: 'HTTPS certificate for PDAs (LAN)',
        none: 'This desk is not serving to the LAN. Start it with "lotdesk serve --lan" to create its certificate.',
        fingerprint: 'SHA-256 fingerprint',
        names: 'Names and addresses',
        validTo: 'Valid until',
        hint: 'On each PDA, open the desk at https://<name>:<port>, view the certificate and trust it only if its SHA-256 fingerprint is exactly this one.',
      },
    },
  },
  'zh-CN': {
    errors: {
      api: {
        foreignHost: '请求被拒绝：它指向的主机名不是本工作台的。请用工作台自己的地址打开 LotDesk。',
        foreignOrigin: '请求被拒绝：它来自其他网站的页面，而不是 LotDesk。',
        notFound: '此地址没有内容。',
        tooLong: '地址过长，未保存任何数据。',
        tooLarge: '请求过大，未保存任何数据。',
        contentType: '请求必须以 JSON 发送，未保存任何数据。',
      },
      validation: {
        invalid_union: '该值不符合此调用接受的任何形式。',
        invalid_key: '请求中含有不允许的字段名。',
        invalid_element: '请求中含有不允许的值。',
        not_multiple_of: '该值不是允许步长的整数倍。',
      },
      text: {
        unsafeChar: '该文字含有无法保存的字符（{char}：控制字符或文字方向字符）。请不要粘贴，重新输入。未保存任何数据。',
      },
      auth: {
        slowDown: '此设备登录失败次数过多：请等待 {seconds} 秒后再试。未执行任何操作。',
      },
    },
    ui: {
      audit: { details: { secrets: { unknownUserTries: '自 {since} 起，来自 {client} 的另外 {tries} 次未知用户名登录' } } },
      command: { secrets: { unknownUserTries: '未知用户名的登录（计数）' } },
      lanCertificate: {
        title: 'PDA 使用的 HTTPS 证书（局域网）',
        none: '本工作台未向局域网提供服务。用 “lotdesk serve --lan” 启动即可生成证书。',
        fingerprint: 'SHA-256 指纹',
        names: '名称与地址',
        validTo: '有效期至',
        hint: '在每台 PDA 上打开 https://<名称>:<端口>，查看证书，只有当其 SHA-256 指纹与此处完全一致时才信任它。',
      },
    },
  },
} satisfies AreaMessages;
