/**
 * The cookie that remembers 长辈版 for a browser ('1' on, '0' off). Its own file because both the
 * elder module (which sets it) and auth's landing rule (which reads it after sign-in) need the
 * name, and auth must not depend on the elder module (elder reads places through coverage, which
 * reaches booking and accounts, which depend on auth).
 */
export const elderCookie = 'elder';
