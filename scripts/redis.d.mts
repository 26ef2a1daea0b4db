export function findRedisServer(options?: { install?: boolean; log?: (line: string) => void }): string;
