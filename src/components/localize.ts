/**
 * Every user-visible string of the elements, in one typed table. English and Simplified Chinese
 * ship; the language is the nearest `lang` attribute (then `<html lang>`, then the browser's).
 */
const en = {
  connecting: 'Connecting…',
  reconnecting: 'Connection lost. Reconnecting…',
  failed: 'Could not join the room',
  kicked: 'You were removed from the room',
  left: 'You left the room',
  you: 'you',
  microphone: 'Microphone',
  camera: 'Camera',
  screen: 'Share screen',
  devices: 'Devices',
  speaker: 'Speaker',
  leave: 'Leave',
  muted: 'Microphone off',
  cameraOff: 'Camera off',
  speaking: 'Speaking',
  tapToUnmute: 'Click to hear',
  previous: 'Previous page',
  next: 'Next page',
  page: 'Page {page} of {pages}',
  quality: 'Network: {grade}',
  grade0: 'excellent',
  grade1: 'good',
  grade2: 'fair',
  grade3: 'poor',
  grade4: 'no connection',
  gradeUnknown: 'unknown',
  waiting: 'Waiting for video…',
  participants: 'Participants',
  call: 'Call',
  // Errors by ZEGO code
  e1100001: 'Something required is missing (room, user or token).',
  e1002001: 'Already in a room.',
  e1002005: 'The user ID is empty.',
  e1002006: 'The user ID has characters that are not allowed.',
  e1002007: 'The user ID is too long.',
  e1002011: 'The room ID is empty.',
  e1002012: 'The room ID has characters that are not allowed.',
  e1002013: 'The room ID is too long.',
  e1002031: 'The server did not answer in time.',
  e1002034: 'The room is full.',
  e1002050: 'You signed in to this room somewhere else.',
  e1002053: 'The network connection was lost.',
  e1002055: 'The server removed you from the room.',
  e1002077: 'The sign-in token belongs to another user.',
  e1002078: 'The sign-in token has expired.',
  e1002082: 'You are not allowed to publish here.',
  e1102001: 'The connection timed out.',
  e1102016: 'The sign-in token is not valid.',
  e1102018: 'The sign-in token has expired.',
  e1103010: 'Screen sharing failed.',
  e1103042: 'Screen sharing was cancelled.',
  e1103043: 'This browser cannot share the screen.',
  e1103053: 'Camera and microphone need a secure page (https or localhost).',
  e1103061: 'No camera or microphone was found.',
  e1103064: 'Camera or microphone access was denied. Allow it in the browser’s site settings and try again.',
  e1103065: 'The camera or microphone is in use by another application.',
  e1103066: 'No camera or microphone fits the requested settings.',
  e1003028: 'This stream is already being published.',
  e1004002: 'The stream is no longer available.',
  e1104039: 'The stream is no longer available.',
  e1104031: 'The video could not be received.',
  eProvider: 'The engine “{name}” could not be loaded: {detail}',
  eUnknown: 'Error {code}.',
};

export type MessageKey = keyof typeof en;

const zhCN: Record<MessageKey, string> = {
  connecting: '正在连接…',
  reconnecting: '连接中断，正在重连…',
  failed: '无法加入房间',
  kicked: '你已被移出房间',
  left: '你已离开房间',
  you: '我',
  microphone: '麦克风',
  camera: '摄像头',
  screen: '共享屏幕',
  devices: '设备',
  speaker: '扬声器',
  leave: '离开',
  muted: '麦克风已关闭',
  cameraOff: '摄像头已关闭',
  speaking: '正在说话',
  tapToUnmute: '点击收听',
  previous: '上一页',
  next: '下一页',
  page: '第 {page} 页，共 {pages} 页',
  quality: '网络：{grade}',
  grade0: '极好',
  grade1: '好',
  grade2: '一般',
  grade3: '差',
  grade4: '已断开',
  gradeUnknown: '未知',
  waiting: '等待视频…',
  participants: '参与者',
  call: '通话',
  e1100001: '缺少必要信息（房间、用户或 Token）。',
  e1002001: '已在房间中。',
  e1002005: '用户 ID 为空。',
  e1002006: '用户 ID 含有不允许的字符。',
  e1002007: '用户 ID 过长。',
  e1002011: '房间 ID 为空。',
  e1002012: '房间 ID 含有不允许的字符。',
  e1002013: '房间 ID 过长。',
  e1002031: '服务器响应超时。',
  e1002034: '房间已满。',
  e1002050: '你在其他地方登录了此房间。',
  e1002053: '网络连接已断开。',
  e1002055: '你已被服务器移出房间。',
  e1002077: '登录 Token 属于其他用户。',
  e1002078: '登录 Token 已过期。',
  e1002082: '你没有推流权限。',
  e1102001: '连接超时。',
  e1102016: '登录 Token 无效。',
  e1102018: '登录 Token 已过期。',
  e1103010: '屏幕共享失败。',
  e1103042: '屏幕共享已取消。',
  e1103043: '此浏览器不支持屏幕共享。',
  e1103053: '摄像头和麦克风需要安全页面（https 或 localhost）。',
  e1103061: '未找到摄像头或麦克风。',
  e1103064: '摄像头或麦克风权限被拒绝。请在浏览器的网站设置中允许后重试。',
  e1103065: '摄像头或麦克风正被其他应用占用。',
  e1103066: '没有符合要求的摄像头或麦克风。',
  e1003028: '该流已在推送中。',
  e1004002: '该流已不存在。',
  e1104039: '该流已不存在。',
  e1104031: '无法接收视频。',
  eProvider: '无法加载引擎“{name}”：{detail}',
  eUnknown: '错误 {code}。',
};

const tables: Record<string, Record<MessageKey, string>> = { en, 'zh-CN': zhCN, zh: zhCN };

/** The language in effect for `el`: its nearest `lang`, the document's, or the browser's. */
export function localeOf(el?: Element): string {
  const lang =
    el?.closest('[lang]')?.getAttribute('lang') ||
    globalThis.document?.documentElement.lang ||
    globalThis.navigator?.language ||
    'en';
  return lang;
}

function table(locale: string): Record<MessageKey, string> {
  return tables[locale] ?? tables[locale.split('-')[0] ?? ''] ?? en;
}

/** A message in the element's language, with `{name}` placeholders filled. */
export function msg(el: Element | undefined, key: MessageKey, params: Record<string, string | number> = {}): string {
  return table(localeOf(el))[key].replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? ''));
}

/** Words for a ZEGO error code. */
export function errorText(el: Element | undefined, code: number): string {
  const key = `e${code}` as MessageKey;
  return key in en ? msg(el, key) : msg(el, 'eUnknown', { code });
}

/** Initials for an avatar: "Ada Lovelace" → "AL", "王小明" → "王". */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  if (!words.length) return '?';
  const first = [...words[0]!][0] ?? '?';
  if (/[\u3400-\u9fff]/.test(first)) return first;
  const last = words.length > 1 ? ([...words[words.length - 1]!][0] ?? '') : '';
  return (first + last).toUpperCase();
}
