declare module 'virtual:test-server' {
  export const wsURL: string;
  export const httpURL: string;
  export const appID: number;
  export const serverSecret: string;
  export const heartbeatTimeout: number;
  /** A second server, in dev mode: `/api/token` issues tokens living `devTokenTTL` seconds. */
  export const devWsURL: string;
  export const devTokenTTL: number;
}
