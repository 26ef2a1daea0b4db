declare module 'virtual:test-server' {
  export const wsURL: string;
  export const httpURL: string;
  export const appID: number;
  export const serverSecret: string;
  export const heartbeatTimeout: number;
}
