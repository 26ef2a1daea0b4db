export function findTurnserver(options?: { install?: boolean; log?: (line: string) => void }): string;
