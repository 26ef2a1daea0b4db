export function findFirefox(options?: { install?: boolean; log?: (line: string) => void }): string;
export const firefoxPrefs: Record<string, string | number | boolean>;
