/** QC inspections and e-signatures (issue 17): the Inspector screen, the decide dialog, signing passwords, their errors and audit labels. */
import type { AreaMessages } from '../locales';

export default {
  en: {
    errors: {
      esign: {
        noSigningPassword: 'You sign in with a PIN, and a PIN cannot sign: set a signing password under My account first.',
        wrongPassword: 'The password is wrong: nothing was signed.',
      },
    },
    ui: {
      command: {
        esign: { sign: 'Signed electronically' },
        users: { setSigningPassword: 'Set own signing password', resetSigningPassword: "Reset a user's signing password" },
      },
      signing: {
        title: 'My signing password',
        explain: 'Decisions are signed with a password typed again (21 CFR Part 11); a PIN is not enough.',
        usesSigning: 'You sign with your signing password.',
        usesSignIn: 'You sign with your sign-in password (a signing password of your own replaces it).',
        none: 'No signing password yet: you cannot sign decisions until you set one.',
        current: 'Current PIN or password',
        password: 'New signing password (8–128 characters)',
        set: 'Set',
        saved: 'Signing password set.',
        reset: 'Reset signing password',
      },
    },
  },
  'zh-CN': {
    errors: {
      esign: {
        noSigningPassword: '您使用 PIN 登录，PIN 不能用于签名：请先在“我的账户”中设置签名密码。',
        wrongPassword: '密码错误：未签名。',
      },
    },
    ui: {
      command: {
        esign: { sign: '电子签名' },
        users: { setSigningPassword: '设置自己的签名密码', resetSigningPassword: '重置用户的签名密码' },
      },
      signing: {
        title: '我的签名密码',
        explain: '决定须重新输入密码签名（21 CFR Part 11）；PIN 不足以签名。',
        usesSigning: '您使用签名密码签名。',
        usesSignIn: '您使用登录密码签名（设置自己的签名密码后将以其代替）。',
        none: '尚无签名密码：设置之前不能签署决定。',
        current: '当前 PIN 或密码',
        password: '新的签名密码（8–128 个字符）',
        set: '设置',
        saved: '签名密码已设置。',
        reset: '重置签名密码',
      },
    },
  },
} satisfies AreaMessages;
